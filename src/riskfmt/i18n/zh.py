# ruff: noqa: E501 - generated: one entry per line pair, as long as its text
"""Chinese for everything riskfmt shows, finding messages included, keyed by the English text (gettext style).

Generated from ``zh_CN.po`` by ``tools/i18n_catalogue.py``: edit the PO file, not this one. Keys are the
English text, or ``"context\x04English"`` for an entry with a gettext context (``msgctxt``), as gettext
itself joins them. ``python -m riskfmt.i18n`` lists English texts without an entry; tests fail on any.
"""

from __future__ import annotations

ZH: dict[str, str] = {
    'Usage:':
        '用法：',
    'Options':
        '选项',
    'Commands':
        '命令',
    'Positional arguments':
        '位置参数',
    'Show this message and exit.':
        '显示此帮助信息并退出。',
    'Show the version and exit.':
        '显示版本号并退出。',
    '%(prog)s, version %(version)s':
        '%(prog)s，版本 %(version)s',
    'Error: {message}':
        '错误：{message}',
    "Try '{command} {option}' for help.":
        "使用 '{command} {option}' 查看帮助。",
    'No such option {name!r}.':
        '没有选项 {name!r}。',
    'No such command {name!r}.':
        '没有命令 {name!r}。',
    'Did you mean {possibility}?':
        '是否是指 {possibility}？',
    '(Did you mean one of: {possibilities}?)':
        '（是否是指以下之一：{possibilities}？）',
    'Missing argument':
        '缺少参数',
    'Missing option':
        '缺少选项',
    'Missing parameter':
        '缺少参数',
    'Missing command.':
        '缺少命令。',
    'Missing {param_type}':
        '缺少{param_type}',
    'Missing parameter: {param_name}':
        '缺少参数：{param_name}',
    'Invalid value for {param_hint}: {message}':
        '{param_hint} 的值无效：{message}',
    'Invalid value: {message}':
        '值无效：{message}',
    'Option {name!r} requires an argument.':
        '选项 {name!r} 需要一个值。',
    'Option {name!r} requires {nargs} arguments.':
        '选项 {name!r} 需要 {nargs} 个值。',
    'Option {name!r} does not take a value.':
        '选项 {name!r} 不接受值。',
    'Got unexpected extra argument ({args})':
        '多余的参数（{args}）',
    'Got unexpected extra arguments ({args})':
        '多余的参数（{args}）',
    '{value!r} is not {choice}.':
        '{value!r} 不是 {choice}。',
    '{value!r} is not one of {choices}.':
        '{value!r} 不是 {choices} 之一。',
    '{value!r} is not a valid {number_type}.':
        '{value!r} 不是有效的{number_type}。',
    '{value} is not in the range {range}.':
        '{value} 不在范围 {range} 内。',
    '{value!r} is not a valid boolean. Recognized values: {states}':
        '{value!r} 不是有效的布尔值。可用的值：{states}',
    '{name} {filename!r} does not exist.':
        '{name} {filename!r} 不存在。',
    '{name} {filename!r} is a directory.':
        '{name} {filename!r} 是目录。',
    '{name} {filename!r} is a file.':
        '{name} {filename!r} 是文件。',
    '{name} {filename!r} is not readable.':
        '{name} {filename!r} 不可读。',
    '{name} {filename!r} is not writable.':
        '{name} {filename!r} 不可写。',
    'Could not open file {filename!r}: {message}':
        '无法打开文件 {filename!r}：{message}',
    'file':
        '文件',
    'directory':
        '目录',
    'path':
        '路径',
    'default: {default}':
        '默认：{default}',
    'env var: {var}':
        '环境变量：{var}',
    'required':
        '必填',
    'Aborted!':
        '已中止！',
    'Aborted.':
        '已中止。',
    'Interrupted.':
        '已中断。',
    'riskfmt: internal error: {error}':
        'riskfmt：内部错误：{error}',
    'This is a bug in riskfmt. Run again with --traceback and report the output.':
        '这是 riskfmt 的缺陷。请加 --traceback 重新运行，并报告输出内容。',
    'riskfmt: one bilingual vocabulary of AI risks and one evaluation-report format.\n\nriskfmt：统一的中英双语人工智能风险词表与可互操作的评估报告格式。\n\n\x08\nExit codes, for every command: 0 done, 1 findings (or a check that does not hold), 2 usage or\ninput/output error (including an output refused before any work), 3 internal error, 130 interrupted.\nOutputs (-o) are written all-or-nothing and never over an input; see docs/security.md.':
        'riskfmt：统一的中英双语人工智能风险词表与可互操作的评估报告格式。\n\nriskfmt: one bilingual vocabulary of AI risks and one evaluation-report format.\n\n\x08\n所有命令的退出码：0 完成，1 存在发现项（或检查不成立），2 用法或输入输出错误（包括开始工作前即被拒绝的输出），\n3 内部错误，130 被中断。\n输出（-o）要么完整写出、要么什么都不写，且绝不覆盖输入文件；详见 docs/security.md。',
    'Write to this file (atomically; never over an input) instead of standard output.':
        '写入此文件（原子写入，绝不覆盖输入文件），而不是标准输出。',
    "Convert evaluation outputs of other tools into riskfmt reports, and reports into other formats.\n\n\x08\nSources: Inspect logs (.eval, .json), lm-evaluation-harness results, HELM run folders, Every Eval\nEver records, Hugging Face model cards and .eval_results, OpenAI evals logs, OpenCompass work folders,\nriskfmt's own evaluation and incident reports. Files are recognised by their content, whatever they are\ncalled; a folder is walked recursively and every file in it is converted or named by a finding.\nEverything that cannot be carried over is reported as a finding naming the field. A report that would\nnot validate (RF613), or that carries a detected leak (RF011), is not written.\nExit codes: 0 converted, 1 findings at or above --fail-on, 2 usage or input error, 3 internal error.":
        '将其他工具的评估输出转换为 riskfmt 报告，或将报告转换为其他格式。\n\n\x08\n支持的来源：Inspect 日志（.eval、.json）、lm-evaluation-harness 结果、HELM 运行目录、Every Eval Ever 记录、\nHugging Face 模型卡与 .eval_results、OpenAI evals 日志、OpenCompass 工作目录，以及 riskfmt 自身的评估报告和事件报告。\n文件按内容识别，与文件名无关；目录会被递归遍历，其中每个文件要么被转换，要么由发现项指明。\n无法原样转换的内容都会以发现项报告，并指明对应字段。无法通过校验（RF613）或检出泄露（RF011）的报告不会写出。\n退出码：0 已转换，1 存在不低于 --fail-on 级别的发现项，2 用法或输入错误，3 内部错误。',
    'Where to write (default: standard output). A file for one report (any suffix) and for --to csv/markdown; a folder for several reports, or when it is an existing folder or ends in /; for --to eee a folder unless it ends in .json. Written all-or-nothing; never over an input; an existing non-empty folder only with --force.':
        '输出位置（默认：标准输出）。单份报告以及 --to csv/markdown 时为文件（后缀不限）；多份报告、已存在的目录或以 / 结尾时为目录；\n--to eee 时为目录，除非以 .json 结尾。输出要么完整写出、要么什么都不写，绝不覆盖输入文件；已存在的非空目录需加 --force。',
    'Replace an existing output that is otherwise kept (never an input).':
        '替换原本会保留的已有输出（绝不替换输入文件）。',
    'Write the digests to this file (atomically; never over an input) instead of standard output.':
        '将摘要值写入此文件（原子写入，绝不覆盖输入文件），而不是标准输出。',
    'Replace an existing salts file (copies redacted with the old salts can then no longer be proven).':
        '替换已有的盐文件（此后用旧盐脱敏的副本将无法再被证明）。',
    'List at most N findings of one code per file, then one RF520 counting the rest (default 1000; 0: no limit). Env: RISKFMT_MAX_FINDINGS_PER_CODE.':
        '每个文件中同一编号最多列出 N 个发现项，其余以一个 RF520 计数（默认 1000；0 表示不限）。环境变量：RISKFMT_MAX_FINDINGS_PER_CODE。',
    'A file (a folder for sssom: one .sssom.tsv per mapping set); default stdout. Written all-or-nothing; an existing non-empty folder only with --force.':
        '输出文件（sssom 为目录：每个映射集一个 .sssom.tsv）；默认为标准输出。输出要么完整写出、要么什么都不写；已存在的非空目录需加 --force。',
    'Write the sssom files into an existing non-empty folder.':
        '将 sssom 文件写入已存在的非空目录。',
    'Check that CURRENT is PREVIOUS with timeline entries appended, none edited or removed, and nothing else\nchanged (title, summary, harms, ...; markings may only get stricter).\n\n\x08\nEvery entry both files hold is compared in canonical form, so an entry rewritten with a recomputed hash\nchain is found, though such a file passes validate on its own. Both files are validated too.\nExit codes: 0 history kept, 1 findings at or above --fail-on, 2 usage or input/output error,\n3 internal error.':
        '检查 CURRENT 是否只是在 PREVIOUS 的时间线末尾追加了条目：没有修改或删除任何条目，其他内容（标题、摘要、危害等）也未改变；\n标记只能变得更严格。\n\n\x08\n两个文件共同持有的每个条目都按规范化形式逐一比较，因此即使改写条目后重新计算了哈希链也能被发现，\n尽管这样的文件单独校验时可以通过。两个文件也会同时接受校验。\n退出码：0 历史完整，1 存在不低于 --fail-on 级别的发现项，2 用法或输入输出错误，3 内部错误。',
    "Compare two vocabulary releases (versions, or vocabulary files: JSON or YAML, - for standard input).\n\nA removed id exits 1; a file that is not a valid vocabulary (or repeats an id) exits 2 with the\nvalidator's findings.":
        '比较两个词表版本（版本号，或词表文件：JSON 或 YAML，- 表示标准输入）。\n\n若有编号被删除，以退出码 1 结束；文件不是有效词表（或有重复编号）时以退出码 2 结束，并给出校验发现项。',
    'text for a terminal, json for programs (one document), markdown for briefings, html for people (one self-contained page).':
        'text 供终端阅读，json 供程序处理（单个文档），markdown 用于简报，html 供人阅读（单个自包含页面）。',
    'Language of headings and labels (zh: Simplified Chinese; both: each label in both, html only). Env: RISKFMT_LANG.':
        '标题和标签的语言（zh：简体中文；both：每个标签中英并列，仅限 html）。环境变量：RISKFMT_LANG。',
    'text for a terminal, json for programs (one document; schema diff-result-1.0), markdown for pull requests, html for people (one self-contained page; see riskfmt render).':
        'text 供终端阅读，json 供程序处理（单个文档，模式为 diff-result-1.0），markdown 用于合并请求，html 供人阅读（单个自包含页面，参见 riskfmt render）。',
    "Draw an evaluation report, an incident report or a diff result (the JSON of riskfmt diff --format json)\nas one self-contained HTML page for people: the marking, who evaluated what and when, every result on a\nforest plot with its interval and n, results by risk concept with the vocabulary's coverage, the\nvalidator's findings and what was withheld. The page loads nothing (no script, font or image), prints,\nand fits a phone. FILE may be - for standard input.\n\n\x08\nExit codes: 0 drawn, 2 the file cannot be read or does not match its schema (the findings are printed),\n3 internal error. Findings that leave the shape intact (an interval that excludes its value, say) are\ndrawn on the page, not refused.":
        '将评估报告、事件报告或比较结果（riskfmt diff --format json 的输出）绘制为一个供人阅读的自包含 HTML 页面：\n标记、评估方与评估对象及时间、以森林图展示的每项结果及其区间和样本量、按风险概念归组的结果及词表覆盖情况、\n校验发现项以及被保留的内容。页面不加载任何外部资源（无脚本、字体或图片），可打印，适配手机屏幕。\nFILE 可为 -，表示标准输入。\n\n\x08\n退出码：0 已绘制，2 文件无法读取或不符合其模式（会输出发现项），3 内部错误。\n不破坏文档结构的发现项（例如区间不包含取值）会显示在页面上，而不会导致拒绝。',
    'Write the page to this file (atomically) instead of standard output.':
        '将页面写入此文件（原子写入），而不是标准输出。',
    'Draw a report, incident or diff as one self-contained HTML page.':
        '将报告、事件或比较结果绘制为单个自包含 HTML 页面。',
    'List every finding in text output (by default at most 50 of each code, the rest counted).':
        '在文本输出中列出全部发现项（默认每个编号最多列出 50 个，其余只计数）。',
    'Show a Python traceback on internal errors (for bug reports).':
        '内部错误时显示 Python 回溯信息（用于提交缺陷报告）。',
    "A matrix of evaluation reports against risk concepts: each report's value with its interval, and a\nflag where reports disagree beyond their uncertainty (one correction over all the tests).\n\n\x08\nExit codes: 0 the gate passes (always, without --fail-on), 1 it fails, 2 usage or input error,\n3 internal error.":
        '将多份评估报告按风险概念排成矩阵：列出每份报告的取值及其区间，并标出报告之间差异超出其不确定性的位置（对全部检验统一做多重比较校正）。\n\n\x08\n退出码：0 门限通过（未指定 --fail-on 时始终为 0），1 门限未通过，2 用法或输入错误，3 内部错误。',
    'Language of messages and headings (zh: Simplified Chinese). Env: RISKFMT_LANG.':
        '消息和标题的语言（zh：简体中文）。环境变量：RISKFMT_LANG。',
    'Exit 1 when two reports disagree beyond their uncertainty, or when agreement cannot be told.':
        '当两份报告的差异超出其不确定性，或无法判断是否一致时，以退出码 1 结束。',
    'Family-wise error rate over all the tests made; intervals are shown at 1 - alpha.':
        '全部检验的族错误率（FWER）；区间按 1 - alpha 的置信水平显示。',
    'Correction for the number of tests.':
        '针对检验次数的多重比较校正方法。',
    'The producer tool (default: detected from each input).':
        '生成输入文件的工具（默认：按每个输入的内容自动识别）。',
    'Output format.':
        '输出格式。',
    'Who ran the evaluation (producer tools rarely record it).':
        '评估的实施方（生产工具通常不记录此项）。',
    "The producer's relationship to the model's developer.":
        '评估实施方与模型开发方的关系。',
    "The model's developer, when the source does not say.":
        '模型开发方（来源文件未写明时填写）。',
    'TLP 2.0 marking of the output.':
        '输出文档的 TLP 2.0 标记。',
    'Per-sample results inline, in JSONL files beside the report (pinned by digest), or left out.':
        '逐样本结果的存放方式：内嵌于报告、写入报告旁的 JSONL 文件（以摘要值锁定），或不保留。',
    'Keep sample inputs, outputs and targets (by default only their digests are kept).':
        '保留样本的输入、输出和参考答案（默认只保留它们的摘要值）。',
    'YAML file mapping task names to risk ids; consulted before the shipped table.':
        '将任务名映射到风险编号的 YAML 文件；优先于随包提供的映射表。',
    'Lowest severity that makes the command exit 1.':
        '使命令以退出码 1 结束的最低严重级别。',
    'Print findings only: no summary, nothing when clean.':
        '只输出发现项：不输出汇总，检查通过时不输出任何内容。',
    "Compare two riskfmt reports (JSON or YAML; - for standard input) symmetrically: aligned results with\nboth values, the difference B - A and whether it exceeds the recorded uncertainty; changed risk levels\nand verdicts; findings in one report only; coverage; paired per-sample tests; metadata differences.\n\n\x08\nExit codes: 0 the gate passes (always, without --fail-on), 1 it fails, 2 usage or input error\n(an invalid input is refused with the validator's findings), 3 internal error.":
        '对称地比较两份 riskfmt 报告（JSON 或 YAML；- 表示标准输入）：对齐后的结果及两方取值、差值 B - A 及其是否超出\n已记录的不确定性；风险等级和判定的变化；只出现在一份报告中的发现项；覆盖范围；逐样本配对检验；元数据差异。\n\n\x08\n退出码：0 门限通过（未指定 --fail-on 时始终为 0），1 门限未通过，2 用法或输入错误\n（无效的输入会被拒绝，并给出校验发现项），3 内部错误。',
    "Exit 1 on any difference beyond the uncertainty (or untestable), or only on those that make B worse (by each metric's direction). Without it the exit code is 0 unless an input is invalid.":
        '出现任何超出不确定性（或无法检验）的差异时以退出码 1 结束；也可只在 B 变差时（按各指标的方向判断）以 1 结束。未指定时，除非输入无效，退出码均为 0。',
    'Skip the paired per-sample comparison (and do not open samples files).':
        '跳过逐样本配对比较（也不打开样本文件）。',
    'Unpaired sample rows held in memory before the rest is partitioned to temporary files.':
        '未配对的样本行在内存中最多保留的条数，超出部分分区写入临时文件。',
    'Print the digest of each document\'s RFC 8785 canonical form (JSON or YAML; - for standard input).\n\n\x08\nRe-indenting, re-ordering keys or converting between JSON and YAML keeps the digest; changing a value\nchanges it. Lines are "DIGEST  PATH", as sha256sum prints them.':
        '输出每个文档按 RFC 8785 规范化后的摘要值（JSON 或 YAML；- 表示标准输入）。\n\n\x08\n重新缩进、调整键的顺序或在 JSON 与 YAML 之间转换都不改变摘要值；改动任何取值都会改变它。\n每行格式为“摘要值  路径”，与 sha256sum 的输出一致。',
    'Incident reports: new, update, history.':
        '事件报告：新建、更新、历史核对。',
    'Write an incident report skeleton to fill in, in English or Chinese (--lang zh).\n\n\x08\nPlaceholders are marked <<...>>; `riskfmt validate` reports each one left as RF650 and nothing else,\nso the skeleton validates once they are filled in.':
        '生成一份待填写的事件报告模板，可选英文或中文（--lang zh）。\n\n\x08\n占位内容以 <<...>> 标出；`riskfmt validate` 会把每个未填写的占位符报告为 RF650，且只报告这一项，\n因此全部填写后模板即可通过校验。',
    'The file to create (YAML); never replaces an existing file.':
        '要创建的文件（YAML）；不会覆盖已有文件。',
    "Append one entry to an incident report's timeline, revising its assessment.\n\n\x08\nEarlier entries are never edited or removed: the new entry pins the digest of the one before it. The\nfile is written atomically, and nothing is written when the input or the new version does not validate,\nor when the file gained entries since it was read. Comments in a YAML file are not kept.\nExit codes: 0 written, 1 refused (findings say why), 2 usage or input/output error, 3 internal error.":
        '在事件报告的时间线末尾追加一个条目，并据此修订评估结论。\n\n\x08\n已有条目不会被修改或删除：新条目锁定前一条目的摘要值。文件以原子方式写入；若输入或新版本\n未通过校验，或文件在读取之后已被追加了条目，则不写入任何内容。YAML 文件中的注释不会保留。\n退出码：0 已写入，1 被拒绝（发现项说明原因），2 用法或输入输出错误，3 内部错误。',
    'What this entry says, in English.':
        '本条目的内容（英文）。',
    'What this entry says, in Chinese.':
        '本条目的内容（中文）。',
    'Who writes the entry (English).':
        '条目撰写人（英文）。',
    'Who writes the entry (Chinese).':
        '条目撰写人（中文）。',
    'When the entry was written (RFC 3339; default: now, UTC).':
        '条目的撰写时间（RFC 3339 格式；默认：当前 UTC 时间）。',
    'Revised status.':
        '修订后的状态。',
    'Revised event type (incident, serious-incident, hazard, near-miss).':
        '修订后的事件类型（incident 事件、serious-incident 严重事件、hazard 隐患、near-miss 未遂事件）。',
    'Revised severity level (for example major).':
        '修订后的严重程度等级（例如 major）。',
    'Scale of --severity (default: the current scale, else generic-5).':
        '--severity 所用的分级体系（默认：当前所用体系，否则为 generic-5）。',
    'The settled cause, or undetermined.':
        '已认定的原因，或 undetermined（尚未查明）。',
    "Revise one hypothesis' likelihood (repeatable); a new cause adds a hypothesis.":
        '修订某一假设的可能性（可重复使用）；填写新的原因即新增一条假设。',
    'A YAML or JSON file with the complete revised attribution.':
        '包含完整修订后归因内容的 YAML 或 JSON 文件。',
    'Write the new version here instead of over FILE.':
        '将新版本写到此处，而不是覆盖 FILE。',
    'Create an Ed25519 key pair: KEYFILE (PKCS#8 PEM, owner-only) and KEYFILE.pub (public).\n\nThe same PEM files work with compliance-trestle (trestle sign --private-key / verify --public-key).':
        '生成一对 Ed25519 密钥：KEYFILE（PKCS#8 PEM 格式，仅所有者可读）和 KEYFILE.pub（公钥）。\n\n同样的 PEM 文件也可用于 compliance-trestle（trestle sign --private-key / verify --public-key）。',
    'The private key file; the public key goes to KEYFILE.pub.':
        '私钥文件；公钥写入 KEYFILE.pub。',
    'Replace existing key files (the old private key is lost).':
        '替换已有的密钥文件（原私钥将丢失）。',
    "Read the private key's password from this environment variable.":
        '从此环境变量读取私钥的口令。',
    'Redaction profile: a shipped name (tlp-red, tlp-amber-strict, tlp-amber, tlp-green, tlp-clear) or a profile file.':
        '脱敏配置：随包提供的名称（tlp-red、tlp-amber-strict、tlp-amber、tlp-green、tlp-clear）或配置文件。',
    'Relabel the copy. Raising is always allowed; lowering needs --lower-marking.':
        '为副本重新标记。提高密级总是允许的；降低密级需要 --lower-marking。',
    "Sign DOCUMENT's canonical digest: a detached DSSE envelope with an in-toto statement.\n\n\x08\ncompliance-trestle verifies it: trestle verify --beta -f DOCUMENT --signature SIG --public-key KEYFILE.pub\n(trestle needs a .json file and, by default, the subject name to be the file's name).":
        '对 DOCUMENT 的规范化摘要值签名：生成分离式 DSSE 信封，内含 in-toto 声明。\n\n\x08\ncompliance-trestle 可以验证该签名：trestle verify --beta -f DOCUMENT --signature SIG --public-key KEYFILE.pub\n（trestle 要求文件为 .json，且默认要求声明中的主体名称与文件名一致）。',
    'The PEM private key (from riskfmt keygen, or any Ed25519 PKCS#8 key).':
        'PEM 格式的私钥（由 riskfmt keygen 生成，或任何 Ed25519 PKCS#8 私钥）。',
    'Where to write the detached DSSE envelope (JSON).':
        '分离式 DSSE 信封（JSON）的写出位置。',
    "The subject name in the in-toto statement (default: the file's name).":
        'in-toto 声明中的主体名称（默认：文件名）。',
    'Validate riskfmt documents (JSON or YAML; PATH may be a directory, or - for standard input).\n\n\x08\nExit codes: 0 clean, 1 findings at or above --fail-on, 2 usage or input/output error, 3 internal error.\nEvery finding has a stable code; see docs/findings.md.':
        '校验 riskfmt 文档（JSON 或 YAML；PATH 可以是目录，- 表示标准输入）。\n\n\x08\n退出码：0 无问题，1 存在不低于 --fail-on 级别的发现项，2 用法或输入输出错误，3 内部错误。\n每个发现项都有固定编号，详见 docs/findings.md。',
    'Refuse files larger than this (default 1 GiB).':
        '拒绝大于此大小的文件（默认 1 GiB）。',
    'Do not open referenced sample files (skip digest and row checks).':
        '不打开报告引用的样本文件（跳过摘要值和逐行检查）。',
    'Read JSON reports in bounded memory, inline samples checked row by row, with the same findings (needs riskfmt[stream]; docs/streaming.md). Default: files of 256 MiB or more are streamed when ijson is installed, and the 1 GiB limit does not apply to them.':
        '以有界内存读取 JSON 报告：内嵌样本逐行检查，发现项与常规读取完全相同（需安装 riskfmt[stream]，见 docs/streaming.md）。默认在已安装 ijson 时，256 MiB 及以上的文件自动流式读取，且不受 1 GiB 的大小上限约束。',
    "--stream needs ijson: pip install 'riskfmt[stream]'":
        "--stream 需要 ijson：请执行 pip install 'riskfmt[stream]'",
    "Verify DOCUMENT against a detached signature: 0 valid, 1 invalid, 2 unusable input.\n\nValid means the signature verifies with the key and the signed digest equals the digest of DOCUMENT's\nRFC 8785 canonical form, so a re-indented or re-ordered copy still verifies and any changed value does not.":
        '用分离式签名验证 DOCUMENT：0 有效，1 无效，2 输入不可用。\n\n有效指签名可用该公钥验证，且所签摘要值等于 DOCUMENT 按 RFC 8785 规范化后的摘要值。因此重新缩进或调整键顺序的副本\n仍可通过验证，而改动任何取值都无法通过。',
    'The detached DSSE envelope (from riskfmt sign or trestle sign).':
        '分离式 DSSE 信封（由 riskfmt sign 或 trestle sign 生成）。',
    "The signer's PEM public key.":
        '签名方的 PEM 公钥。',
    'Also require this subject name in the statement (by default it is shown, not required: files get renamed).':
        '同时要求声明中的主体名称与此一致（默认只显示而不要求，因为文件可能被改名）。',
    'The bilingual risk vocabulary: list, show, search, map, export, diff.':
        '中英双语风险词表：列出、查看、搜索、映射、导出、比较版本。',
    'Check that every risk id (R0013, ...) written in text files exists and is not deprecated.':
        '检查文本文件中出现的每个风险编号（R0013 等）是否存在且未被弃用。',
    'Vocabulary release (default: the newest shipped).':
        '词表版本（默认：随包提供的最新版本）。',
    'Output format of the findings.':
        '发现项的输出格式。',
    'Write a release in a published form (SKOS Turtle or JSON-LD, CSV, JSON, LinkML, SSSOM).':
        '以公开发布的格式写出某一版本（SKOS Turtle 或 JSON-LD、CSV、JSON、LinkML、SSSOM）。',
    'List concepts as a tree.':
        '以树状结构列出概念。',
    "Concept scheme (risk, method, ...; 'all' for every one).":
        '概念体系（risk、method 等；all 表示全部）。',
    "A framework's code to riskfmt concepts (ailuminate:iwp), or a concept to the frameworks (R0013).":
        '将某一框架的编码映射到 riskfmt 概念（如 ailuminate:iwp），或将某一概念映射到各框架（如 R0013）。',
    'Find concepts by English or Chinese label or alternative label (case and punctuation do not matter).':
        '按中英文名称或其他名称查找概念（不区分大小写，忽略标点）。',
    'Search every scheme, not only risks.':
        '搜索全部概念体系，而不只是风险。',
    'Everything about one concept, in both languages, with its mappings.':
        '查看某一概念的全部信息（中英文）及其映射。',
    'A matrix of several reports against risk concepts.':
        '将多份报告按风险概念排成矩阵。',
    "Convert other tools' evaluation outputs to riskfmt, and back.":
        '将其他工具的评估输出转换为 riskfmt 格式，或反向转换。',
    'Many reports at once: index into DuckDB, query, export Parquet, Spark.':
        '批量处理报告：入库到 DuckDB、查询、导出 Parquet、使用 Spark。',
    "Many reports at once: index them into DuckDB, ask SQL and named questions, export Parquet, or run the\nsame SQL on Apache Spark.\n\n\x08\nNeeds the optional packages: pip install 'riskfmt[corpus]' (DuckDB, pyarrow); 'riskfmt[spark]' for Spark.":
        "批量处理报告：将报告入库到 DuckDB，用 SQL 或预设问题查询，导出 Parquet，或在 Apache Spark 上执行同样的 SQL。\n\n\x08\n需要安装可选依赖：pip install 'riskfmt[corpus]'（DuckDB、pyarrow）；使用 Spark 还需 'riskfmt[spark]'。",
    'Which risk concepts are tested, how often, by whom and on which models (rolled up the hierarchy).\n\n\x08\n--format html draws a heatmap of models x top risk concepts instead: one self-contained page in English\nand Chinese, each model row with its TLP label.':
        '哪些风险概念得到测评、测评了多少次、由哪些评估方在哪些模型上完成（按风险层级向上汇总）。\n\n\x08\n--format html 改为输出模型 × 顶层风险概念的覆盖热力图：一个自包含的中英双语页面，每个模型行标出其 TLP 标记。',
    'The DuckDB corpus file.':
        'DuckDB 语料库文件。',
    'duckdb reads --db; spark reads a Parquet export (--parquet).':
        'duckdb 读取 --db；spark 读取 Parquet 导出目录（--parquet）。',
    'A corpus Parquet folder (for --engine spark).':
        '语料库的 Parquet 目录（用于 --engine spark）。',
    'Spark master (default local[*]; env RISKFMT_SPARK_MASTER).':
        'Spark 主节点地址（默认 local[*]；环境变量 RISKFMT_SPARK_MASTER）。',
    'Write to this file (needed for parquet) instead of standard output.':
        '写入此文件而非标准输出（parquet 格式必须指定）。',
    'Leave out rows marked stricter than this TLP label.':
        '排除标记严于此 TLP 级别的行。',
    'Only the risk concepts nothing in the corpus tests.':
        '只列出语料库中无任何测评覆盖的风险概念。',
    'Results of the same task, metric, model and slice from different producers that disagree: 95%\nintervals that do not overlap, or a difference beyond --z standard errors.':
        '不同评估方针对同一任务、指标、模型和切片给出的相互矛盾的结果：95% 置信区间不重叠，或差值超过 --z 倍标准误。',
    'Also flag pairs whose difference exceeds this many standard errors.':
        '差值超过该倍数标准误的结果对也予以标出。',
    "Write every table as Hive-partitioned Parquet (by producer, model and, for results and risk links, the\nrisk's top concept), readable by pyarrow, DuckDB, Polars and Spark.":
        '将全部表导出为 Hive 分区的 Parquet（按评估方、模型分区，结果表和风险关联表另按风险顶层概念分区），可由 pyarrow、DuckDB、Polars 和 Spark 读取。',
    'An empty or new folder.':
        '空目录或新目录。',
    "One model's results over time, oldest first (MODEL as the reports name it).":
        '某一模型的历次结果，按时间从早到晚排列（MODEL 为报告中使用的模型名称）。',
    'Validate reports and incident reports and load the valid ones (PATH may be a directory).\n\n\x08\nOne row per report, evaluation, result, risk link, finding and sample (inline or from a pinned samples\nfile, streamed), with the vocabulary, its hierarchy and crosswalks as tables. Indexing the same report\nagain changes nothing; a changed report replaces the old one; an invalid one is reported and not loaded.\nExit codes: 0 all indexed, 1 some files not indexed, 2 usage or store error, 3 internal error.':
        '校验评估报告和事件报告，并将通过校验的报告入库（PATH 可以是目录）。\n\n\x08\n每份报告、每次评估、每个结果、每条风险关联、每项发现和每个样本（内嵌样本或经摘要固定的样本文件，流式读取）各占一行；词表、其层级结构和映射表也以表的形式入库。\n重复入库同一份报告不产生任何变化；报告内容变化时以新版替换旧版；未通过校验的报告只报告问题，不入库。\n退出码：0 全部入库，1 部分文件未入库，2 用法或存储错误，3 内部错误。',
    'duckdb loads into --db; spark writes Parquet for Spark straight to --parquet.':
        'duckdb 写入 --db；spark 直接将供 Spark 使用的 Parquet 写入 --parquet。',
    'Run one SQL query on the corpus (read-only) and print the answer.\n\n\x08\nTables: reports, evaluations, results, risk_links, findings, samples, incidents, index_findings,\nconcepts, concept_closure, crosswalk (docs/corpus.md). Every report row has tlp and tlp_rank.':
        '在语料库上执行一条 SQL 查询（只读）并输出结果。\n\n\x08\n表：reports、evaluations、results、risk_links、findings、samples、incidents、index_findings、\nconcepts、concept_closure、crosswalk（见 docs/corpus.md）。每一行报告数据都带有 tlp 和 tlp_rank 列。',
    'Compare two reports: aligned results, significance, coverage.':
        '比较两份报告：对齐的结果、显著性、覆盖范围。',
    'The RFC 8785 canonical SHA-256 digest of a document.':
        '文档的 RFC 8785 规范化 SHA-256 摘要值。',
    'Create an Ed25519 key pair for signing.':
        '生成用于签名的 Ed25519 密钥对。',
    'Sign a document: a detached DSSE envelope with an in-toto statement.':
        '对文档签名：分离式 DSSE 信封，内含 in-toto 声明。',
    'Verify a document against a detached signature.':
        '用分离式签名验证文档。',
    'Check reports against the format, the vocabulary and the rules.':
        '按格式、词表和规则检查报告。',
    'Validating':
        '正在校验',
    'Indexing':
        '正在入库',
    'Converting':
        '正在转换',
    'Comparing {a} and {b}':
        '正在比较 {a} 与 {b}',
    'Comparing {n} reports':
        '正在比较 {n} 份报告',
    'files':
        '个文件',
    'reports':
        '份报告',
    'Indexed {indexed} report(s) ({samples} sample rows), replaced {replaced}, unchanged {unchanged}, not indexed {not_indexed}: {store}':
        '已入库 {indexed} 份报告（样本 {samples} 行），替换 {replaced} 份，未变 {unchanged} 份，未入库 {not_indexed} 份：{store}',
    'Exported {tables} tables ({rows} rows) to {folder}':
        '已将 {tables} 张表（共 {rows} 行）导出到 {folder}',
    '--format parquet needs -o FILE':
        '--format parquet 需要用 -o 指定输出文件',
    '--engine spark needs --parquet DIR (a corpus export, or the folder to index into)':
        '--engine spark 需要 --parquet DIR（语料库导出目录，或要写入的目录）',
    'Give --db FILE (or --engine spark with --parquet DIR)':
        '请指定 --db FILE（或使用 --engine spark 并指定 --parquet DIR）',
    'Wrote the private key {private} (owner-only; never share it) and the public key {public}. Key id {keyid}.':
        '已写入私钥 {private}（仅所有者可读，切勿分享）和公钥 {public}。密钥 ID 为 {keyid}。',
    'Signed {path} ({digest}) as subject "{subject}" with key {keyid}: {signature}':
        '已签名 {path}（{digest}），主体为 "{subject}"，密钥 {keyid}：{signature}',
    'Valid: {path} is what key {keyid} signed as "{subject}" ({digest})':
        '验证通过：{path} 正是密钥 {keyid} 以 "{subject}" 为主体签名的内容（{digest}）',
    'Invalid: {path} does not match the signature {signature}':
        '验证失败：{path} 与签名 {signature} 不符',
    'Wrote {output} with {count} withheld item(s){counts}. Salts in {salts}: owner-only, keep them to prove items later, never share them.':
        '已写入 {output}，其中隐去 {count} 项{counts}。盐值保存在 {salts}：仅所有者可读，请妥善保存以便日后证明，切勿分享。',
    'Nothing written: the redacted copy would not validate':
        '未写入任何文件：隐去后的副本无法通过校验',
    'Wrote the redacted samples file {path}':
        '已写入隐去后的样本文件 {path}',
    'Derived: {redacted} is {original} with its withheld items removed{partial}':
        '确认派生：{redacted} 即 {original} 去除隐去条目后的结果{partial}',
    ' (salted digests not checked: no --salts)':
        '（未提供 --salts，加盐摘要未核验）',
    'Not derived: {redacted} is not {original} with items withheld':
        '非派生：{redacted} 并非由 {original} 隐去条目得到',
    'Wrote the proof of {pointer} to {output}. It discloses the item (TLP:{tlp}); share it only as that label allows.':
        '已将 {pointer} 的证明写入 {output}。证明会披露该条目（TLP:{tlp}），请仅按该标记允许的范围分享。',
    'Proven: the value in {proof} is the withheld item {pointer} of {redacted}':
        '证明成立：{proof} 中的值正是 {redacted} 中隐去的条目 {pointer}',
    'Not proven: {proof} does not match {redacted}':
        '证明不成立：{proof} 与 {redacted} 不符',
    'Wrote {path}: fill in the <<...>> placeholders, then run riskfmt validate {path}':
        '已写入 {path}：请填写 <<...>> 占位内容，然后运行 riskfmt validate {path}',
    'Appended timeline entry {seq} to {path}':
        '已在 {path} 的时间线追加条目 {seq}',
    '{path} exists; riskfmt incident new never replaces a file':
        '{path} 已存在；riskfmt incident new 不会覆盖已有文件',
    '{current} extends the history of {previous}: {kept} entries kept unchanged, {added} appended, nothing else changed':
        '{current} 延续了 {previous} 的历史：{kept} 个条目保持不变，追加 {added} 个，其余内容未改动',
    'finding category\x04Input and output':
        '输入与输出',
    'finding category\x04Parsing':
        '解析',
    'finding category\x04Document kind and version':
        '文档类型与版本',
    'finding category\x04JSON Schema':
        'JSON Schema 校验',
    'finding category\x04Vocabulary':
        '词表',
    'finding category\x04Rules JSON Schema cannot express':
        'JSON Schema 无法表达的规则',
    'finding category\x04Conversion':
        '格式转换',
    'finding category\x04Outputs':
        '输出',
    'finding category\x04Incident reports':
        '事件报告',
    'finding category\x04Disclosure and integrity':
        '披露与完整性',
    'finding category\x04Comparison':
        '比较',
    'finding category\x04Report corpus':
        '报告语料库',
    'finding category\x04Internal':
        '内部错误',
    'finding severity\x04error':
        '错误',
    'finding severity\x04warning':
        '警告',
    'finding severity\x04info':
        '提示',
    '... and {count} more {code} findings in {files} files not listed (--all-findings lists every one)':
        '……另有 {count} 个 {code} 发现项（涉及 {files} 个文件）未列出；加 --all-findings 可全部列出',
    '{files} files checked: {errors} errors, {warnings} warnings':
        '已检查 {files} 个文件：{errors} 个错误，{warnings} 个警告',
    'parser message\x04Expecting value':
        '此处应为一个值',
    "parser message\x04Expecting ',' delimiter":
        '此处缺少逗号分隔符',
    "parser message\x04Expecting ':' delimiter":
        '此处缺少冒号分隔符',
    'parser message\x04Expecting property name enclosed in double quotes':
        '此处应为用双引号括起的键名',
    'parser message\x04Extra data':
        'JSON 值结束后还有多余内容',
    'parser message\x04Unterminated string starting at':
        '字符串未闭合',
    'parser message\x04Invalid control character at':
        '字符串中含有未转义的控制字符',
    'parser message\x04Invalid \\escape':
        '无效的转义序列',
    'parser message\x04Invalid \\uXXXX escape':
        '无效的 \\uXXXX 转义序列',
    'parser message\x04Illegal trailing comma before end of object or array':
        '对象或数组末尾多了逗号',
    'parser message\x04mapping values are not allowed here':
        '此处不允许出现映射值（冒号位置不对，或缺少引号）',
    "parser message\x04could not find expected ':'":
        '找不到应有的冒号',
    'parser message\x04did not find expected key':
        '找不到应有的键（缩进可能有误）',
    'parser message\x04did not find expected node content':
        '找不到应有的节点内容',
    "parser message\x04did not find expected ',' or ']'":
        '找不到应有的逗号或右方括号',
    "parser message\x04did not find expected ',' or '}'":
        '找不到应有的逗号或右花括号',
    'parser message\x04found undefined alias {0}':
        '引用了未定义的别名 {0}',
    'parser message\x04found duplicate anchor {0}':
        '锚点 {0} 重复定义',
    'parser message\x04found unexpected end of stream':
        '文件意外结束',
    "parser message\x04found unexpected ':'":
        '出现了意外的冒号',
    'parser message\x04found unknown escape character {0}':
        '未知的转义字符 {0}',
    "parser message\x04found character '{0}' that cannot start any token":
        "字符 '{0}' 不能作为任何记号的开头（YAML 缩进不能用制表符）",
    'parser message\x04found character that cannot start any token':
        '出现了不能作为任何记号开头的字符（YAML 缩进不能用制表符）',
    'parser message\x04found a tab character that violates indentation':
        '制表符破坏了缩进（YAML 缩进不能用制表符）',
    'parser message\x04found a tab character where an indentation space is expected':
        '此处应为缩进空格，却是制表符',
    'parser message\x04expected <block end>, but found {0}':
        '块结构未正确结束，却遇到了 {0}（缩进可能有误）',
    'parser message\x04expected a single document in the stream, but found another document':
        '文件中应只有一个 YAML 文档，却发现了另一个',
    "parser message\x04expected '<document start>', but found {0}":
        '此处应为文档开始标记，却遇到了 {0}',
    'parser message\x04while scanning {0}':
        '扫描{0}时出错',
    'parser message\x04while parsing {0}':
        '解析{0}时出错',
    'parser message\x04a recursive alias':
        '递归引用自身的别名',
    'parser message\x04tag {0}':
        '标签 {0}',
    'parser message\x04mapping key {0} is not a string':
        '映射的键 {0} 不是字符串',
    'parser message\x04a mapping key that is a list or mapping':
        '映射的键是列表或映射',
    "parser message\x04The parser's own words: {text}":
        '解析器原文：{text}',
    'comparison\x04Comparison of two evaluation reports':
        '两份评估报告的比较',
    'comparison\x04Comparison of {n} evaluation reports':
        '{n} 份评估报告的比较',
    'comparison\x04field':
        '字段',
    'comparison\x04file':
        '文件',
    'comparison\x04organization':
        '机构',
    'comparison\x04tool':
        '工具',
    'comparison\x04model':
        '模型',
    'comparison\x04report id':
        '报告编号',
    'comparison\x04vocabulary':
        '词表',
    'comparison\x04Results':
        '结果',
    'comparison\x04risk':
        '风险',
    'comparison\x04task':
        '任务',
    'comparison\x04metric':
        '指标',
    'comparison\x04slice':
        '切片',
    'comparison\x04B − A':
        'B − A',
    'comparison\x04{level} interval':
        '{level} 区间',
    'comparison\x04p (adj.)':
        'p（校正后）',
    'comparison\x04verdict':
        '结论',
    'comparison\x04better, significant':
        '更好，显著',
    'comparison\x04worse, significant':
        '更差，显著',
    'comparison\x04changed, significant':
        '有变化，显著',
    'comparison\x04not significant':
        '不显著',
    'comparison\x04cannot tell':
        '无法判断',
    'comparison\x04same':
        '相同',
    'comparison\x04not compared':
        '未比较',
    'comparison\x04Risk levels and threshold verdicts':
        '风险等级与阈值判定',
    'comparison\x04risk level':
        '风险等级',
    'comparison\x04threshold':
        '阈值',
    'comparison\x04met':
        '达标',
    'comparison\x04missed':
        '未达标',
    'comparison\x04higher in B':
        'B 更高',
    'comparison\x04lower in B':
        'B 更低',
    'comparison\x04changed':
        '有变化',
    'comparison\x04one side only':
        '仅一方给出',
    'comparison\x04different scales':
        '等级体系不同',
    'comparison\x04Paired samples':
        '配对样本',
    'comparison\x04paired':
        '配对数',
    'comparison\x04by':
        '配对依据',
    'comparison\x04sample id':
        '样本编号',
    'comparison\x04input digest':
        '输入摘要',
    'comparison\x04A pass, B fail':
        'A 通过、B 未通过',
    'comparison\x04A fail, B pass':
        'A 未通过、B 通过',
    'comparison\x04pass rate A → B':
        '通过率 A → B',
    'comparison\x04McNemar p (adj.)':
        'McNemar p（校正后）',
    'comparison\x04mean score B − A':
        '平均得分 B − A',
    'comparison\x04paired t p (adj.)':
        '配对 t 检验 p（校正后）',
    'comparison\x04Qualitative findings':
        '定性发现',
    'comparison\x04In both reports':
        '两份报告均有',
    'comparison\x04Only in A':
        '仅见于 A',
    'comparison\x04Only in B':
        '仅见于 B',
    'comparison\x04Results only in A':
        '仅见于 A 的结果',
    'comparison\x04Results only in B':
        '仅见于 B 的结果',
    'comparison\x04Coverage':
        '覆盖范围',
    'comparison\x04Risks only A evaluated':
        '仅 A 评估的风险',
    'comparison\x04Risks only B evaluated':
        '仅 B 评估的风险',
    'comparison\x04Tasks only A ran':
        '仅 A 运行的任务',
    'comparison\x04Tasks only B ran':
        '仅 B 运行的任务',
    'comparison\x04Differences that may explain the results':
        '可能解释结果差异的元数据差异',
    'comparison\x04category':
        '类别',
    'comparison\x04where':
        '范围',
    'comparison\x04report':
        '报告',
    'comparison\x04Notes':
        '说明',
    'comparison\x04—':
        '—',
    'comparison\x04alignment not exact':
        '对应并非精确',
    'comparison\x04Gate --fail-on {gate}: passed.':
        '门禁 --fail-on {gate}：通过。',
    'comparison\x04Gate --fail-on {gate}: FAILED.':
        '门禁 --fail-on {gate}：未通过。',
    'comparison\x04No differences.':
        '无差异。',
    'comparison\x04No results align between the two reports.':
        '两份报告之间没有可对应的结果。',
    'comparison\x04Reports':
        '报告',
    'comparison\x04disagree':
        '存在分歧',
    'comparison\x04agree':
        '一致',
    'comparison\x04one report':
        '仅一份报告',
    'comparison\x04flag':
        '标记',
    'comparison\x04Disagreements beyond the uncertainty':
        '超出不确定性的分歧',
    'comparison category\x04model':
        '模型',
    'comparison category\x04producer':
        '评估方',
    'comparison category\x04tool':
        '工具',
    'comparison category\x04format':
        '格式',
    'comparison category\x04dates':
        '日期',
    'comparison category\x04task':
        '任务',
    'comparison category\x04dataset':
        '数据集',
    'comparison category\x04method':
        '方法',
    'comparison category\x04settings':
        '生成设置',
    'comparison\x04{pairs} aligned result pairs: {significant} significantly different ({better} better, {worse} worse), {not_significant} not significantly different, {cannot_tell} cannot tell.':
        '共对应 {pairs} 对结果：{significant} 对差异显著（{better} 对更好，{worse} 对更差），{not_significant} 对不显著，{cannot_tell} 对无法判断。',
    'comparison\x04 {correction} over the {tests} tests made, α = {alpha}.':
        '对本次所作的 {tests} 项检验作 {correction}，α = {alpha}。',
    'comparison\x04Holm correction':
        'Holm 校正',
    'comparison\x04Bonferroni correction':
        'Bonferroni 校正',
    'comparison\x04No correction':
        '不作多重比较校正',
    'comparison\x04{where}: {difference} {interval}, p (adj.) {p}':
        '{where}：{difference} {interval}，p（校正后）{p}',
    'conversion\x04model arguments may hold local paths or keys':
        '模型参数可能包含本地路径或密钥',
    'conversion\x04the serving address may be internal':
        '服务地址可能是内部地址',
    'conversion\x04scheduling settings that do not change what the model answers':
        '只影响调度、不改变模型回答的设置',
    'conversion\x04run settings (concurrency, logging, sandboxes) that do not change the results':
        '不改变结果的运行设置（并发、日志、沙箱）',
    'conversion\x04models in roles other than grading':
        '承担评分以外角色的模型',
    'conversion\x04never copied: a traceback holds absolute paths of the machine that ran the evaluation':
        '一律不予复制：错误回溯包含运行评估的机器上的绝对路径',
    'conversion\x04run statistics':
        '运行统计信息',
    'conversion\x04the record says {found!r}; it was read as {version}':
        '记录声明的版本为 {found!r}，已按 {version} 读取',
    'conversion\x04 (EEE deployment_type {deployment_type!r}, model_availability {availability!r})':
        '（EEE 的 deployment_type 为 {deployment_type!r}，model_availability 为 {availability!r}）',
    'conversion\x04unknown hash algorithm {algorithm!r}; not verified':
        '哈希算法 {algorithm!r} 无法识别，未予核验',
    'conversion\x04{count} results repeat a metric and slice with nothing in the record telling them apart (for example Inspect reducers); each repeat went to its own evaluation':
        '有 {count} 条结果的指标和切片相同，记录中没有可区分它们的信息（例如 Inspect 的归约器）；每组重复结果各自归入单独的评估',
    'conversion\x04the EEE record has no standard error':
        'EEE 记录中没有标准误',
    'conversion\x04the score {score!r} is the leaderboard\'s placeholder for "No matching runs", not a measurement':
        '分数 {score!r} 是排行榜表示“No matching runs”（无对应运行）的占位值，并非测量结果',
    'conversion\x04the score {value} lies outside the declared bounds [{lo}, {hi}]; the bounds were dropped, the score kept':
        '分数 {value} 超出声明的取值范围 [{lo}, {hi}]；已舍弃该范围，保留分数',
    'conversion\x04{raw!r} is not epoch seconds or a date-time with a time zone':
        '{raw!r} 既不是 Unix 时间戳（秒），也不是带时区的日期时间',
    "conversion\x04{method!r} is not a riskfmt method; recorded as 'other', the name kept in extensions.every-eval-ever":
        "{method!r} 不是 riskfmt 支持的方法；记为 'other'，原名称保留在 extensions.every-eval-ever 中",
    'conversion\x04 (from adapter_spec.model_deployment)':
        '（取自 adapter_spec.model_deployment）',
    "conversion\x04earliest and latest request_datetime of the requests not served from HELM's cache ({cached} cached responses carry the time they were first made and were ignored)":
        '未经 HELM 缓存返回的请求中最早和最晚的 request_datetime（{cached} 条缓存响应记录的是首次请求的时间，已忽略）',
    "conversion\x04earliest and latest request_datetime of the requests not served from HELM's cache":
        '未经 HELM 缓存返回的请求中最早和最晚的 request_datetime',
    'conversion\x04{direction} for the well-known metric type {metric_type!r}':
        '常见指标类型 {metric_type!r} 的方向为 {direction}',
    'conversion\x04 (unknown metric type {metric_type!r})':
        '（指标类型 {metric_type!r} 无法识别）',
    'conversion\x04{raw!r} is not a number':
        '{raw!r} 不是数值',
    'conversion\x04the Hub rejected this entry: {error!r}':
        'Hub 拒收了此条目：{error!r}',
    'conversion\x04{date!r} names no time zone (or is not a date-time); none was invented':
        '{date!r} 未注明时区（或不是日期时间）；未自行补设时区',
    'conversion\x04not a Unix time: {raw!r}':
        '不是 Unix 时间：{raw!r}',
    'conversion\x04 (lm-eval backend {backend!r} does not say how the model was reached)':
        '（lm-eval 后端 {backend!r} 无法说明模型的访问方式）',
    'conversion\x04the text itself is not kept; its sha256 is settings.{setting}':
        '不保留文本本身；其 sha256 记于 settings.{setting}',
    'conversion\x04the commit of the folder lm-eval ran in (not of lm-eval or the model)':
        'lm-eval 运行时所在目录的提交（并非 lm-eval 或模型的提交）',
    'conversion\x04the commit of the enclosing repository':
        '外层代码仓库的提交',
    "conversion\x04the host's software and hardware environment":
        '主机的软硬件环境',
    'conversion\x04a perf-counter reading, not a date':
        '性能计数器读数，并非日期',
    'conversion\x04sha256 of {text_key}':
        '{text_key} 的 sha256',
    "conversion\x04{count} rows' prompt_hash is not the sha256 of the logged prompt; input_digest is computed from the prompt":
        '有 {count} 行的 prompt_hash 与所记录提示词的 sha256 不符；input_digest 按提示词重新计算',
    'conversion\x04not a number: {raw!r}':
        '不是数值：{raw!r}',
    'conversion\x04not a standard error: {raw!r}':
        '不是有效的标准误：{raw!r}',
    'conversion\x04bootstrap_iters is 0':
        'bootstrap_iters 为 0',
    'conversion\x04lm-eval wrote "N/A"':
        'lm-eval 记为“N/A”',
    'conversion\x04no _stderr key':
        '没有 _stderr 键',
    'conversion\x04no config for model {model}: only its abbreviation is known':
        '模型 {model} 没有配置，仅知其简称',
    'conversion\x04larger than {limit} bytes: not read':
        '大于 {limit} 字节，未读取',
    'conversion\x04not readable as a Python literal config ({error}): model and dataset settings, prompt hashes and summary groups are unknown':
        '无法作为 Python 字面量配置读取（{error}）：模型与数据集设置、提示词哈希和汇总分组均无从得知',
    "conversion\x04a path on the evaluator's system":
        '评估方系统上的路径',
    'conversion\x04config entries with no riskfmt field':
        '没有对应 riskfmt 字段的配置项',
    'conversion\x04counted from the details entries of {where}':
        '根据 {where} 的 details 条目计数',
    'conversion\x04{value} is outside the range riskfmt allows':
        '{value} 超出 riskfmt 允许的取值范围',
    'conversion\x04{entries} question entries, but the predictions hold {questions}: per-sample correctness not used':
        '有 {entries} 条题目记录，但预测结果中有 {questions} 道题：未使用逐样本正误',
    'conversion\x04counted from {where}: {count} predictions / {replicas} replicas':
        '根据 {where} 计数：{count} 条预测 / {replicas} 次重复',
    'conversion\x04counted from {where}: {count} predictions':
        '根据 {where} 计数：{count} 条预测',
    'conversion\x04 (model class {short} is not an OpenCompass class riskfmt knows)':
        '（模型类 {short} 不是 riskfmt 已知的 OpenCompass 类）',
    'conversion\x04 (no model config: the class is unknown)':
        '（没有模型配置，模型类未知）',
    'conversion\x04a BLEU internal the OpenCompass summarizer ignores':
        'OpenCompass 汇总器忽略的 BLEU 内部值',
    'conversion\x04not a number: {raw!r:.186}':
        '不是数值：{raw!r:.186}',
    "conversion\x04no per-sample correctness in the results' details":
        '结果的 details 中没有逐样本正误',
    'conversion\x04no per-sample values for this metric':
        '该指标没有逐样本取值',
    'conversion\x04the solver plan (solvers and their parameters) has no place in a riskfmt report':
        '求解器计划（求解器及其参数）在 riskfmt 报告中没有对应字段',
    'conversion\x04free-form producer metadata':
        '生产方的自由格式元数据',
    "conversion\x04the log's edit history (what changed, by whom, when); the edited values are kept":
        '日志的编辑历史（改了什么、由谁、何时）；保留编辑后的值',
    'conversion\x04per-sample scores reduced over epochs; the per-epoch rows are kept':
        '按轮次归约后的逐样本分数；保留每一轮的样本行',
    'conversion\x04no riskfmt field':
        'riskfmt 中没有对应字段',
    'conversion\x04a path on the machine that ran the evaluation is never copied':
        '运行评估的机器上的路径一律不予复制',
    'conversion\x04solver, sandbox and other run details have no riskfmt field':
        '求解器、沙箱等运行细节在 riskfmt 中没有对应字段',
    'conversion\x04the ids of the samples run':
        '所运行样本的编号',
    "conversion\x04the grader's answers, explanations and history":
        '评分器提取的答案、解释和历史',
    'conversion\x04a local path is never copied':
        '本地路径一律不予复制',
    'conversion\x04from eval.created (the log has no stats.started_at)':
        '取自 eval.created（日志中没有 stats.started_at）',
    'conversion\x04when the run was set up; stats.started_at is kept as the start':
        '评估创建的时间；开始时间采用 stats.started_at',
    'conversion\x04not a plain value':
        '不是简单值',
    "conversion\x04transcripts, solver state and attachments; the report keeps digests of each sample's input and output":
        '对话记录、求解器状态和附件；报告只保留每个样本输入和输出的摘要',
    'conversion\x04token counts have no place in a riskfmt report':
        'riskfmt 报告中没有记录 token 数的字段',
    'conversion\x04per-sample times':
        '逐样本的时间',
    'conversion\x04free-form sample metadata':
        '样本的自由格式元数据',
    "conversion\x04error messages and tracebacks are never copied (they hold absolute paths); the sample's verdict is error":
        '错误信息和回溯一律不予复制（其中含有绝对路径）；该样本的判定为 error',
    'conversion\x04which limit (tokens, messages, time) stopped a sample':
        '使样本停止的限制（token 数、消息数或时间）',
    'conversion\x04who invalidated a sample, when and why; the evaluation is marked invalidated and the samples are listed under extensions.inspect.invalidated_samples':
        '谁在何时因何将样本标记为无效；该评估已标记为 invalidated，相关样本列于 extensions.inspect.invalidated_samples',
    "conversion\x04Inspect's internal ids and counters":
        'Inspect 内部的编号和计数',
    'conversion\x04 (the provider "{provider}" is not the developer; use --developer)':
        '（提供方 "{provider}" 并非开发者；可用 --developer 指定）',
    'conversion\x04 (use --organization)':
        '（可用 --organization 指定）',
    'conversion\x04 (use --developer)':
        '（可用 --developer 指定）',
    'conversion\x04 (evals names a completion function, not its developer; use --developer)':
        '（evals 只记录补全函数名，不记录其开发者；可用 --developer 指定）',
    "conversion\x04the earliest created_at of the run's events (the spec's own date has no time zone)":
        '取自该次运行各事件中最早的 created_at（spec 自身的日期没有时区）',
    "conversion\x04the latest created_at of the run's events":
        '取自该次运行各事件中最晚的 created_at',
    'conversion\x04 (evals records no direction)':
        '（evals 不记录指标方向）',
    'conversion\x04the command line holds paths of the machine that ran the evaluation':
        '命令行包含运行评估的机器上的路径',
    'conversion\x04display settings':
        '显示设置',
    'conversion\x04who ran the evaluation (use --organization)':
        '运行评估者的身份（可用 --organization 指定）',
    'conversion\x04what the matcher picked among the options':
        '匹配器在选项中选取的内容',
    'conversion\x04prompts and completions are kept only as digests in the per-sample rows':
        '提示词和补全只以摘要形式保留在逐样本行中',
    'conversion\x04not a JSON object of the record log (truncated or repeated)':
        '不是记录日志中的 JSON 对象（被截断或重复）',
    'conversion\x04events or a final_report of a run whose spec line is missing':
        '缺少 spec 行的运行所对应的事件或 final_report',
    "conversion\x04final_report.n_samples (the eval's own count; the log holds no match events)":
        '取自 final_report.n_samples（评估自身的样本计数；日志中没有 match 事件）',
    'conversion\x04not a finite number':
        '不是有限数值',
    'conversion\x04the log has no match events to count n from':
        '日志中没有可用于计算 n 的 match 事件',
    "conversion\x04the run's start in local time without a time zone; riskfmt dates need a zone, so it is not given as evaluations[].started (kept in extensions.opencompass.run_started_local)":
        '运行目录名记录的是不带时区的本地开始时间；riskfmt 日期必须带时区，因此未写入 evaluations[].started（保留在 extensions.opencompass.run_started_local）',
    "conversion\x04computed by riskfmt from the per-sample correctness in the results' details (binomial for a single run; for replicated runs and G-Pass the standard error of the per-question values), on the value's scale; OpenCompass reports none":
        '由 riskfmt 根据结果 details 中逐样本的正误推算（单次运行按二项分布；多次重复与 G-Pass 按逐题取值的均值标准误），量纲与取值一致；OpenCompass 不报告标准误',
    "conversion\x04OpenCompass' get_prompt_hash of the dataset's infer_cfg (first 6 hex digits, as its summary writes it)":
        '按 OpenCompass 的 get_prompt_hash 对数据集 infer_cfg 计算（取前6位十六进制，与其汇总表一致）',
    "conversion\x04the sum of the member datasets' question counts (each question once, whatever its number of runs)":
        '成员数据集题数之和（每题计一次，不论运行次数）',
    'conversion\x04from results.scorer and results.metrics (the log layout before inspect-ai 0.3.18), as Inspect itself migrates it':
        '取自 results.scorer 和 results.metrics（inspect-ai 0.3.18 之前的日志结构），与 Inspect 自身的迁移方式相同',
    'conversion\x04 (Inspect records no direction; check it for scores where higher means more harm)':
        '（Inspect 不记录指标方向；若分数越高代表危害越大，请核实）',
    'conversion\x04an uncertainty metric without a value metric beside it':
        '只有不确定性指标，没有与之对应的取值指标',
    'conversion\x04not a finite, non-negative number (too few samples?)':
        '不是非负的有限数值（样本过少？）',
    "conversion\x04the square root of Inspect's var metric":
        '取 Inspect var 指标的平方根',
    'conversion\x04the scorer declares no stderr metric':
        '评分器未声明 stderr 指标',
    'conversion\x04the number of source_data.sample_ids (the samples evaluated)':
        '取 source_data.sample_ids 的个数（参与评估的样本）',
    'conversion\x04source_data.samples_number (EEE: the number of samples in the dataset; the record names no subset)':
        '取 source_data.samples_number（EEE 定义为数据集的样本数；记录未说明只评估了其中一部分）',
    'conversion\x04the repository address may be private; the commit is kept under extensions.inspect.revision':
        '仓库地址可能是私有的；提交号保留于 extensions.inspect.revision',
    'conversion\x04further completion functions ({functions})':
        '其余的补全函数（{functions}）',
    'conversion\x04{repeated} further match event(s) count in n but a sample has one row':
        '另有 {repeated} 个 match 事件计入 n，但每个样本只有一行',
    "conversion\x04{count} per-sample metric record(s); the final_report's aggregates are kept":
        '{count} 条逐样本指标记录；保留 final_report 中的汇总值',
    'conversion\x04{errors} error record(s); their messages are not copied, and samples without a match get verdict error':
        '{errors} 条错误记录；其消息不予复制，没有 match 事件的样本判定为 error',
    'conversion\x04{undated} event date(s) without a time zone were not used':
        '{undated} 个没有时区的事件日期未被采用',
    'conversion\x04{stray} line(s) of unknown kind':
        '{stray} 行类型不明',
    'conversion\x04several models answered ({shown}), so no version is recorded':
        '有多个模型作答（{shown}），因此不记录版本',
    'conversion\x04task failed, no value reported (never a zero): {reason}':
        '任务失败，不报告取值（绝不记为零）：{reason}',
    'conversion\x04not computed, no value reported (never a zero): {reason}':
        'OpenCompass 未计算该汇总组，不报告取值（绝不记为零）：{reason}',
    "conversion\x04a sample row holds one score; the headline scorer's ({primary}) is kept":
        '每个样本行只保留一个分数，即主评分器（{primary}）的分数',
    'conversion\x04{repeated} record(s) repeating a sample already kept':
        '{repeated} 条记录与已保留的样本重复',
    'conversion\x04{unscored} sample(s) the scorer could not score are not counted in n':
        '评分器未能评分的 {unscored} 个样本未计入 n',
    'conversion\x04the stderr metric beside it is the standard error of the mean score, not of {key}':
        '与之并列的 stderr 指标是平均分的标准误，而不是 {key} 的标准误',
    "conversion\x04named as the Inspect log names them ({task}, {metric}) from the result's name and evaluation_description, as EEE's Inspect adapter writes them":
        '按 Inspect 日志的命名方式（{task}，{metric}）由结果名称和 evaluation_description 推得',
    'conversion\x04{unreadable} sample record(s) that are not JSON objects':
        '{unreadable} 条样本记录不是 JSON 对象',
    'conversion\x04not a date':
        '不是日期',
    'conversion\x04not an ISO 8601 date':
        '不是 ISO 8601 日期',
    'conversion\x04the date has no time zone (none is invented)':
        '该日期没有时区（不臆造时区）',
    'conversion\x04the date has no time zone (evals writes local time) and none is invented':
        '该日期没有时区（evals 写入的是本地时间），不臆造时区',
    'conversion\x04binomial sqrt(p(1-p)/n) from the accuracy and n = {n} match events':
        '由准确率和 n = {n} 个 match 事件按二项分布 sqrt(p(1-p)/n) 计算',
    'conversion\x04binomial sqrt(p(1-p)/n) from the accuracy and n = {n} match events; {spread_key} ({spread:.4g}) is not a standard error and is kept under extensions':
        '由准确率和 n = {n} 个 match 事件按二项分布 sqrt(p(1-p)/n) 计算；{spread_key}（{spread:.4g}）并非标准误，仅保留于 extensions',
    'conversion\x04OpenCompass key "{key}": the mean over {replicas} runs of each question (settings.epochs); n counts questions x runs.':
        'OpenCompass 键 "{key}"：每题 {replicas} 次运行的平均（settings.epochs）；n 为题数 x 运行次数。',
    'conversion\x04G-Pass family value over questions answered {replicas} times each; n counts questions.':
        'G-Pass 类指标：每题作答 {replicas} 次；n 为题数。',
    'conversion\x04OpenCompass reports the same value under "{alias}" too (the subdivision there is the whole dataset); one result is kept.':
        'OpenCompass 还以 "{alias}" 报告同一取值（其子集即整个数据集）；只保留一条结果。',
    'conversion\x04Subdivision "{subdivision}" (OpenCompass takes it from example_abbr up to its first underscore).':
        '子集 "{subdivision}"（OpenCompass 取 example_abbr 第一个下划线之前的部分）。',
    "conversion\x04OpenCompass summary group ({metric} of {listed}); its members' own results are in this report, so it is not independent evidence.":
        'OpenCompass 汇总组（{listed} 的 {metric}）；成员数据集的结果也在本报告中，并非独立证据。',
    "conversion\x04lm-eval task group: its values aggregate {listed}, whose own results are also in this report; they are not independent evidence. Standard errors are lm-eval's pooled within-subtask estimate.":
        'lm-eval 任务组：其取值汇总自 {listed}（这些子任务的结果也在本报告中），并非独立证据。标准误为 lm-eval 按子任务合并的估计。',
    "conversion\x04from results.scores[].scored_samples, else results.completed_samples: the log holds {records} of the run's {completed} sample records":
        '取自 results.scores[].scored_samples，缺失时取 results.completed_samples：日志只保留了该次运行 {completed} 条样本记录中的 {records} 条',
    'conversion\x04from results.scores[].scored_samples, else results.completed_samples: the log holds no sample records':
        '取自 results.scores[].scored_samples，缺失时取 results.completed_samples：日志中没有样本记录',
    'conversion\x04 (results.scores is empty)':
        '（results.scores 为空）',
    'conversion\x04 (the log has no results)':
        '（日志中没有 results）',
    "conversion\x04a riskfmt report describes one model, and which of the two models each value belongs to is set by the dataset's postprocessor, which the results file does not record":
        'riskfmt 报告只描述一个模型，而结果中每个取值属于两个模型中的哪一个由数据集的后处理器决定，结果文件并未记录',
    'conversion\x04that layout records no sample count, so the results have no n (and no filters: keys are read under lm-eval\'s "none" filter)':
        '该格式不记录样本数，因此结果没有 n（也没有过滤器：指标键按 lm-eval 的 "none" 过滤器读取）',
    'converter\x04Inspect (inspect-ai) log, .eval or .json':
        'Inspect（inspect-ai）评估日志，.eval 或 .json',
    'converter\x04EleutherAI lm-evaluation-harness results':
        'EleutherAI lm-evaluation-harness 评测结果',
    'converter\x04Stanford HELM run folders':
        '斯坦福 HELM 运行目录',
    'converter\x04Every Eval Ever (EEE) aggregate record':
        'Every Eval Ever（EEE）汇总记录',
    'converter\x04Hugging Face model card (model-index) and .eval_results':
        'Hugging Face 模型卡（model-index）及 .eval_results 文件',
    'converter\x04OpenAI evals record log':
        'OpenAI evals 运行记录日志',
    'converter\x04OpenCompass work folder or station file':
        'OpenCompass 工作目录或 station 结果文件',
    'converter\x04AI Incident Database records and CSET classifications':
        'AI 事件数据库（AIID）记录及 CSET 分类',
    'converter\x04riskfmt evaluation or incident report':
        'riskfmt 评估报告或事件报告',
    'converter\x04CSV, one row per result':
        'CSV，每个结果一行',
    'converter\x04Markdown tables':
        'Markdown 表格',
    'markdown table\x04Model':
        '模型',
    'markdown table\x04Producer':
        '评估方',
    'markdown table\x04Tool':
        '工具',
    'markdown table\x04Marking':
        '标记',
    'markdown table\x04Task':
        '任务',
    'markdown table\x04Metric':
        '指标',
    'markdown table\x04Value':
        '取值',
    'markdown table\x04SE':
        '标准误',
    'markdown table\x04n':
        'n',
    'markdown table\x04Risks':
        '风险',
    'conversion\x04its name is {raw_len} bytes long, more than the limit of {max_bytes}':
        '该成员名称长 {raw_len} 字节，超过 {max_bytes} 字节的上限',
    'conversion\x04its name contains a NUL byte':
        '该成员名称包含 NUL 字节',
    'conversion\x04its name is empty':
        '该成员名称为空',
    'conversion\x04it has an absolute path':
        '该成员使用绝对路径',
    "conversion\x04its path climbs out of the archive with '..'":
        '该成员路径通过 “..” 指向归档之外',
    'conversion\x04it inflates beyond its declared size of {size} bytes (a zip bomb?)':
        '该成员解压后超出其声明的 {size} 字节（疑似压缩炸弹）',
    'conversion\x04it inflates beyond the limit of {max_member_bytes} per member':
        '该成员解压后超过每个成员 {max_member_bytes} 的上限',
    'conversion\x04reading it would exceed the limit of {max_total_bytes} for the whole archive':
        '读取该成员将超过整个归档 {max_total_bytes} 的上限',
    'conversion\x04it inflates at more than {max_ratio:.0f}:1 (a zip bomb?)':
        '该成员的解压比超过 {max_ratio:.0f}:1（疑似压缩炸弹）',
    'conversion\x04the members declare {total_size} uncompressed in total, more than the limit of {max_total_bytes}':
        '各成员声明的解压后总大小为 {total_size}，超过 {max_total_bytes} 的上限',
    'conversion\x04the archive declares {count} members, more than the limit of {max_members}':
        '归档声明包含 {count} 个成员，超过 {max_members} 个的上限',
    'conversion\x04the central directory is {cd_size}, more than the limit of {max_directory_bytes}':
        '中央目录大小为 {cd_size}，超过 {max_directory_bytes} 的上限',
    'conversion\x04it is a symbolic link':
        '该成员是符号链接',
    'conversion\x04another member has the same name':
        '存在同名的其他成员',
    'conversion\x04it declares {size} uncompressed, more than the limit of {max_member_bytes} per member':
        '该成员声明的解压后大小为 {size}，超过每个成员 {max_member_bytes} 的上限',
    'conversion\x04the archive declares a compression ratio of {ratio:.0f}:1 in total, more than the limit of {max_total_ratio:.0f}:1 (a zip bomb?)':
        '归档声明的总压缩比为 {ratio:.0f}:1，超过 {max_total_ratio:.0f}:1 的上限（疑似压缩炸弹）',
    'conversion\x04its data overlaps member {previous_name} (a zip bomb?)':
        '该成员的数据与成员 {previous_name} 重叠（疑似压缩炸弹）',
    'conversion\x04{rest} more member(s) refused for the same kinds of reasons':
        '另有 {rest} 个成员因同类原因被拒绝',
    'conversion\x04its local header names a different file than the central directory':
        '其本地文件头中的文件名与中央目录不一致',
    'conversion\x04the archive holds more than {max_members} members':
        '归档包含的成员超过 {max_members} 个',
    'conversion\x04it declares a compression ratio of {ratio:.0f}:1, more than the limit of {max_ratio:.0f}:1 (a zip bomb?)':
        '该成员声明的压缩比为 {ratio:.0f}:1，超过 {max_ratio:.0f}:1 的上限（疑似压缩炸弹）',
    'incident skeleton\x04# riskfmt incident report, format 1.0.\n# Fill in every <<...>> placeholder; `riskfmt validate FILE` lists those left (RF650).\n# Narrative fields take English (en), Chinese (zh) or both side by side.\n# Revise the report later with `riskfmt incident update FILE`, which appends to the timeline.':
        '# riskfmt 事件报告，格式版本 1.0。\n# 请填写所有 <<...>> 占位内容；`riskfmt validate 文件` 会列出尚未填写之处（RF650）。\n# 叙述性字段可用英文（en）、中文（zh）或中英对照。\n# 之后请用 `riskfmt incident update 文件` 修订报告，该命令在时间线末尾追加条目。',
    'incident skeleton\x04drawn at random; never change it: other reports link to it':
        '随机生成；请勿修改：其他报告据此链接本报告',
    'incident skeleton\x04one-line title of the incident':
        '事件标题（一句话）',
    'incident skeleton\x04what is known now: what happened, to whom, what has been done':
        '目前掌握的情况：发生了什么、影响了谁、已采取哪些措施',
    'incident skeleton\x04name of the reporting organization':
        '报告机构名称',
    'incident skeleton\x04developer | deployer | affected_party | regulator | researcher | incident_database | other':
        'developer（开发方）| deployer（部署方）| affected_party（受影响方）| regulator（监管方）| researcher（研究方）| incident_database（事件库）| other',
    'incident skeleton\x04incident | serious-incident | hazard | near-miss  (riskfmt vocab list --scheme event)':
        'incident（事件）| serious-incident（严重事件）| hazard（隐患）| near-miss（未遂事件）',
    'incident skeleton\x04ongoing | halted | mitigated | concluded | near_miss':
        'ongoing（持续中）| halted（已停止）| mitigated（已缓解）| concluded（已结案）| near_miss（未遂）',
    'incident skeleton\x04CLEAR | GREEN | AMBER | AMBER+STRICT | RED':
        'CLEAR | GREEN | AMBER | AMBER+STRICT | RED（TLP 2.0 标记）',
    'incident skeleton\x04negligible | minor | moderate | major | critical':
        'negligible（可忽略）| minor（轻微）| moderate（中等）| major（严重）| critical（特别严重）',
    'incident skeleton\x04a date (YYYY-MM-DD) or a date-time with zone; occurred <= detected <= reported':
        '日期（YYYY-MM-DD）或带时区的日期时间；发生 <= 发现 <= 报告',
    'incident skeleton\x04occurred: YYYY-MM-DD   # when it happened, if known':
        'occurred: YYYY-MM-DD   # 发生时间（如已知）',
    'incident skeleton\x04name of the AI system':
        '人工智能系统名称',
    'incident skeleton\x04developer of the AI system':
        '该系统的开发方',
    'incident skeleton\x04primary | contributing | target | instrument | detection | other':
        'primary（直接致害）| contributing（共同致害）| target（被攻击）| instrument（被用作工具）| detection（发现或处置）| other',
    'incident skeleton\x04identify the model by digest, never by its weights:':
        '以摘要标识模型，切勿提供模型权重：',
    'incident skeleton\x04risk id such as R0006; find one with: riskfmt vocab search WORDS':
        '风险编号，如 R0006；可用 riskfmt vocab search 关键词 --lang zh 查找',
    'incident skeleton\x04the harm, and who suffered it':
        '危害内容及受害方',
    'incident skeleton\x04the settled cause, or undetermined until one is settled  (riskfmt vocab list --scheme attribution)':
        '已认定的原因；尚未认定时为 undetermined（原因不明）',
    'incident skeleton\x04who assessed the cause':
        '归因评估方',
    'incident skeleton\x04each candidate cause with its likelihood; exclusive hypotheses add up to at most 1:\n#   - id: h1\n#     cause: accidental-malfunction\n#     likelihood: 0.6          # and/or estimate: likely\n#     confidence: moderate\n#     evidence_for: [{description: {en: ...}}]\n#     evidence_against: [{description: {en: ...}}]\n#     assessed_by: {en: ...}\n#     assessed: 2025-01-01T00:00:00Z':
        '各候选原因及其可能性；互斥假设的可能性之和不超过 1：\n#   - id: h1\n#     cause: accidental-malfunction   # 系统意外失效\n#     likelihood: 0.6          # 或 estimate: likely（很可能）\n#     confidence: moderate\n#     evidence_for: [{description: {zh: ...}}]\n#     evidence_against: [{description: {zh: ...}}]\n#     assessed_by: {zh: ...}\n#     assessed: 2025-01-01T00:00:00Z',
    'incident skeleton\x04who wrote this entry':
        '本条目撰写方',
    'incident skeleton\x04initial report':
        '首次报告',
    'incident skeleton\x04append-only: never edit or remove an entry; `riskfmt incident update` appends the next':
        '只可追加：不得修改或删除已有条目；用 `riskfmt incident update` 追加下一条',
    'incident comparison\x04Incident reports compared':
        '事件报告比较',
    'incident comparison\x04Two versions of one report ({id})':
        '同一报告的两个版本（{id}）',
    'incident comparison\x04Two reports: A {a} by {ra}; B {b} by {rb}':
        '两份报告：A {a}（{ra}）；B {b}（{rb}）',
    'incident comparison\x04The reports link each other as the same incident':
        '两份报告互相链接为同一事件',
    'incident comparison\x04One report links the other as the same incident':
        '一份报告将另一份链接为同一事件',
    'incident comparison\x04Neither report links the other':
        '两份报告互不链接',
    'incident comparison\x04Attribution':
        '归因',
    'incident comparison\x04Total variation distance over the broadest causes: {tvd}':
        '按最上位原因计算的总变差距离：{tvd}',
    'incident comparison\x04Total variation distance: cannot tell ({why} gives no likelihoods)':
        '总变差距离：无法计算（{why} 未给出可能性）',
    'incident comparison\x04cause':
        '原因',
    'incident comparison\x04B - A':
        'B - A',
    'incident comparison\x04(unassigned)':
        '（未分配）',
    'incident comparison\x04Most likely cause: A {a}, B {b}: {agreement}':
        '最可能的原因：A {a}，B {b}：{agreement}',
    'incident comparison\x04Settled cause: A {a}, B {b}: {agreement}':
        '已认定的原因：A {a}，B {b}：{agreement}',
    'incident comparison\x04agree':
        '一致',
    'incident comparison\x04compatible (one is broader)':
        '相容（一方更宽泛）',
    'incident comparison\x04disagree':
        '不一致',
    'incident comparison\x04cannot tell':
        '无法判断',
    'incident comparison\x04Other differences':
        '其他差异',
    'incident comparison\x04field':
        '字段',
    'incident comparison\x04Harms (risk concepts): shared {shared}; only A {a}; only B {b}':
        '危害（风险概念）：共有 {shared}；仅 A {a}；仅 B {b}',
    'incident comparison\x04Systems: shared digests {shared}; only A {a}; only B {b}':
        '系统：共有摘要 {shared}；仅 A {a}；仅 B {b}',
    'incident comparison\x04History':
        '历史',
    'incident comparison\x04B keeps all {kept} entries of A and appends {added}':
        'B 保留了 A 的全部 {kept} 个条目，并追加了 {added} 个',
    "incident comparison\x04B does not keep A's history: {problems}":
        'B 未保留 A 的历史：{problems}',
    'incident comparison\x04none':
        '无',
    'incident comparison\x04No differences.':
        '没有差异。',
    'likelihood\x04almost no chance':
        '几乎不可能',
    'likelihood\x04very unlikely':
        '很不可能',
    'likelihood\x04unlikely':
        '不太可能',
    'likelihood\x04roughly even chance':
        '可能性大致相当',
    'likelihood\x04likely':
        '很可能',
    'likelihood\x04very likely':
        '极有可能',
    'likelihood\x04almost certain':
        '几乎肯定',
    'incident update\x04previous':
        '上一',
    'incident update\x04new':
        '新',
    'incident update\x04not an incident report':
        '不是事件报告',
    'incident update\x04the input has errors; fix them first (an edited history must not be blessed by appending to it)':
        '输入文件有错误，请先修正（不能在被改写的历史之上追加条目）',
    'incident update\x04the updated report would not validate':
        '更新后的报告无法通过校验',
    'incident update\x04{shown} exists and cannot be read as an incident report this version extends':
        '{shown} 已存在，且无法作为本版本所延续的事件报告读取',
    'incident update\x04{shown} holds history this version lacks; it changed after it was read, or is another report':
        '{shown} 含有本版本所缺少的历史：读取后已被修改，或为另一份报告',
    'conversion\x04: only CSET classifications are mapped':
        '：仅映射 CSET 分类',
    'conversion\x04 (the incident date)':
        '（事件发生日期）',
    'conversion\x04: the AIID lists incidents':
        '：AIID 收录的是事件',
    'conversion\x04: the source classifies it as no harm done':
        '：来源将其归类为未造成损害',
    'conversion\x04: a database record describes a past incident':
        '：数据库记录描述的是已发生的事件',
    'conversion\x04: harms need risk concepts, and no CSET harm type of this incident maps to one':
        '：危害须对应风险概念，而该事件的 CSET 危害类型均无对应概念',
    'incident check\x04event type':
        '事件类型',
    'incident check\x04cause':
        '归因',
    'incident check\x04jurisdiction':
        '法域',
    'suggestion\x04; did you mean {suggestions}?':
        '；是否应为 {suggestions}？',
    'integrity\x04not a {SALTS_KIND} file':
        '不是 {SALTS_KIND} 文件',
    'integrity\x04not JSON':
        '不是 JSON',
    'integrity\x04a salt is not hex':
        '有盐值不是十六进制',
    'integrity\x04the signature file is not a JSON object':
        '签名文件不是 JSON 对象',
    'integrity\x04payload type {found}, expected {PAYLOAD_TYPE}':
        '载荷类型为 {found}，应为 {PAYLOAD_TYPE}',
    'integrity\x04the payload is not base64 text':
        '载荷不是 base64 文本',
    'integrity\x04no signatures':
        '没有签名',
    'integrity\x04more than {MAX_SIGNATURES} signatures':
        '签名超过 {MAX_SIGNATURES} 个',
    'integrity\x04the payload is not JSON ({exc})':
        '载荷不是 JSON（{exc}）',
    'integrity\x04not JSON ({exc})':
        '不是 JSON（{exc}）',
    'integrity\x04a {kind} key, not Ed25519':
        '是 {kind} 密钥，而非 Ed25519 密钥',
    'integrity\x04cannot decrypt the key':
        '无法解密密钥',
    'integrity\x04the key is encrypted: give its password (--key-password-env)':
        '密钥已加密：请提供密码（--key-password-env）',
    'integrity\x04the key is not encrypted, but a password was given':
        '密钥未加密，却提供了密码',
    'integrity\x04this is a private key; verify with the public key (KEYFILE.pub)':
        '这是私钥，请改用公钥（KEYFILE.pub）验证',
    'integrity\x04is a folder':
        '是一个文件夹',
    'integrity\x04already exists; refusing to replace a key (use --force)':
        '已存在，拒绝覆盖密钥（可用 --force）',
    'integrity\x04not a PEM private key':
        '不是 PEM 私钥',
    'integrity\x04not a PEM public key':
        '不是 PEM 公钥',
    'integrity\x04wrong password, or not a PEM private key':
        '密码错误，或不是 PEM 私钥',
    'integrity\x04not a readable YAML document':
        '不是可读取的 YAML 文档',
    'integrity\x04a profile is a mapping':
        '配置应为映射',
    "integrity\x04field 'profile' must be a short lowercase name":
        '字段 profile 应为简短的小写名称',
    "integrity\x04field 'withhold' must be a list of kinds":
        '字段 withhold 应为类型列表',
    "integrity\x04field 'reason' must be a short lowercase code":
        '字段 reason 应为简短的小写代码',
    'integrity\x04no such profile (shipped: {shipped}; or give a file path)':
        '没有这个配置（内置：{shipped}；也可给出配置文件路径）',
    "integrity\x04field '{field}' must have en and/or zh text":
        '字段 {field} 应包含 en 和/或 zh 文本',
    'integrity\x04it is an input':
        '这是输入文件',
    'integrity\x04the salts must go to a separate file':
        '盐值必须写入单独的文件',
    'integrity\x04it is the input':
        '这是输入文件',
    "integrity\x04it is the input's samples file":
        '这是输入的样本文件',
    'integrity\x04not an in-toto Statement v1':
        '不是 in-toto Statement v1',
    'integrity\x04predicate type {found}':
        '谓词类型为 {found}',
    'integrity\x04the predicate is not an object':
        '谓词不是对象',
    'integrity\x04canonicalization {found}, expected {CANONICALIZATION}':
        '规范化方法为 {found}，应为 {CANONICALIZATION}',
    'integrity\x04digest source {found}, expected {DIGEST_SOURCE}':
        '摘要来源为 {found}，应为 {DIGEST_SOURCE}',
    'integrity\x04digest algorithm {algorithm}':
        '不支持的摘要算法 {algorithm}',
    'integrity\x04a document signature has exactly one subject':
        '文档签名应恰有一个主体',
    'integrity\x04the subject has no name':
        '主体没有名称',
    'integrity\x04the subject has no {algorithm} digest':
        '主体没有 {algorithm} 摘要',
    'integrity\x04the document':
        '这是待签名的文档',
    'integrity\x04the key':
        '这是密钥文件',
    'integrity\x04a private key':
        '私钥',
    'integrity\x04an API key (sk-...)':
        'API 密钥（sk-...）',
    'integrity\x04a Hugging Face token':
        'Hugging Face 访问令牌',
    'integrity\x04an AWS access key':
        'AWS 访问密钥',
    'integrity\x04a GitHub token':
        'GitHub 令牌',
    'integrity\x04a GitLab token':
        'GitLab 令牌',
    'integrity\x04a Google API key':
        'Google API 密钥',
    'integrity\x04a Google OAuth token':
        'Google OAuth 令牌',
    'integrity\x04a Slack token':
        'Slack 令牌',
    'integrity\x04a Stripe key':
        'Stripe 密钥',
    'integrity\x04an npm token':
        'npm 令牌',
    'integrity\x04a PyPI token':
        'PyPI 令牌',
    'integrity\x04a JSON web token':
        'JSON Web 令牌',
    'integrity\x04a password in a URL':
        'URL 中的密码',
    'integrity\x04a token split over several values':
        '拆分到多个值中的令牌',
    'integrity\x04unknown field(s): {fields}':
        '未知字段：{fields}',
    'integrity\x04unknown kind(s) {bad} (known: {known})':
        '未知类型 {bad}（已知：{known}）',
    'integrity\x04a shareable copy never carries sample content; add {missing}':
        '可共享副本中一律不含样本内容，请加入 {missing}',
    'integrity\x04audience must be a TLP label ({labels})':
        'audience 应为 TLP 标签（{labels}）',
    'leak encoding\x04base64':
        'base64',
    'leak encoding\x04hex':
        '十六进制',
    'leak encoding\x04data URI':
        'data URI',
    'leak encoding\x04numbers as text':
        '数值文本',
    'leak encoding\x04ascii85':
        'ascii85 类',
    'integrity\x04A sample input':
        '样本输入',
    'integrity\x04A sample output':
        '样本输出',
    'integrity\x04A sample target':
        '样本参考答案',
    'integrity\x04An unsalted sample digest':
        '未加盐的样本摘要',
    'integrity\x04A finding title':
        '发现标题',
    'integrity\x04A finding description':
        '发现描述',
    'integrity\x04A risk-level rationale':
        '风险等级理由',
    'integrity\x04A note':
        '备注',
    'integrity\x04An extension':
        '扩展数据',
    'marking\x04the document':
        '整个文档',
    'document kind\x04evaluation report':
        '评估报告',
    'document kind\x04vocabulary':
        '词表',
    'document kind\x04incident report':
        '事件报告',
    'document kind\x04diff result':
        '差异比较结果',
    'file kind\x04a FIFO (named pipe)':
        '命名管道（FIFO）',
    'file kind\x04a character device':
        '字符设备',
    'file kind\x04a block device':
        '块设备',
    'file kind\x04a socket':
        '套接字',
    'file kind\x04a directory':
        '目录',
    'file kind\x04not a regular file':
        '非普通文件',
    'file kind\x04a dangling symbolic link':
        '失效的符号链接',
    'file kind\x04its folder is not a folder':
        '其上级路径不是文件夹',
    'file kind\x04the folder {parent} is not writable':
        '文件夹 {parent} 不可写',
    'file kind\x04a file':
        '文件',
    'file kind\x04a folder':
        '文件夹',
    'file kind\x04a regular file':
        '普通文件',
    'validation\x04invalid JSON ({error})':
        'JSON 无效（{error}）',
    'yaml value\x04null':
        '空值 null',
    'yaml value\x04the boolean {word}':
        '布尔值 {word}',
    'yaml value\x04the number {number}':
        '数值 {number}',
    'yaml value\x04the text "{text}"':
        '文本“{text}”',
    'vocabulary diff\x04Vocabulary {versions}':
        '词表 {versions} 的变更',
    'vocabulary diff\x04ERROR: ids were removed (a published id may never be deleted):':
        '错误：以下编号被删除（编号一经发布不得删除）：',
    'vocabulary diff\x04Added':
        '新增',
    'vocabulary diff\x04Deprecated':
        '弃用',
    'vocabulary diff\x04Relabelled':
        '标签变更',
    'vocabulary diff\x04Definition revised':
        '定义修订',
    'vocabulary diff\x04Moved in the hierarchy':
        '层级移动',
    'vocabulary diff\x04Mappings added':
        '新增映射',
    'vocabulary diff\x04Mappings removed':
        '删除映射',
    'vocabulary diff\x04No changes.':
        '无变更。',
    'comparison\x04the values or their uncertainty lie beyond what floating point can compute with':
        '数值或其不确定性超出浮点运算可处理的范围',
    'comparison\x04neither report records its uncertainty (a standard error, an interval, or n for a proportion)':
        '两份报告均未记录不确定性（标准误、置信区间，或比例指标的样本数 n）',
    'comparison\x04{side} records no uncertainty (a standard error, an interval, or n for a proportion)':
        '{side} 未记录不确定性（标准误、置信区间，或比例指标的样本数 n）',
    'label:flag_disagree\x04disagree':
        '存在分歧',
    'label:flag_agree\x04agree':
        '一致',
    'label:flag_single\x04one report':
        '仅一份报告',
    'label\x04p (adj.) {p}':
        '校正后 p {p}',
    'label\x04n = {n}':
        '样本数 {n}',
    'label:hypothesis_mark\x04{cause}: {value}; confidence {confidence}':
        '{cause}：{value}；把握程度 {confidence}',
    'schema check\x04a digest such as sha256: followed by 64 lowercase hex digits':
        '形如 sha256: 加 64 位小写十六进制数字的摘要',
    "schema check\x04an id of letters, digits, '.', '_', ':' or '-', at most 128 characters":
        "由字母、数字及 '.'、'_'、':'、'-' 组成、不超过 128 个字符的标识",
    "schema check\x04a relative path inside the report's folder (no leading '/', no '..')":
        "位于报告所在目录内的相对路径（不能以 '/' 开头，不能包含 '..'）",
    'schema check\x04a BCP 47 language tag such as en or zh-Hans':
        'BCP 47 语言标签，如 en 或 zh-Hans',
    'schema check\x04a MAJOR.MINOR version such as 1.0':
        '形如 1.0 的“主版本.次版本”',
    'schema check\x04rfr- followed by 32 lowercase hex digits':
        'rfr- 加 32 位小写十六进制数字',
    'schema check\x04a two-letter ISO 3166-1 country code':
        '两位 ISO 3166-1 国家或地区代码',
    'schema check\x04a file name without folders':
        '不含目录的文件名',
    'schema check\x04rfi- followed by 32 lowercase hex digits':
        'rfi- 加 32 位小写十六进制数字',
    'schema check\x04a date (2026-11-02) or a date and time with its zone (2026-11-02T09:00:00+08:00)':
        '日期（2026-11-02）或带时区的日期时间（2026-11-02T09:00:00+08:00）',
    'schema check\x04string':
        '字符串',
    'schema check\x04number':
        '数值',
    'schema check\x04integer':
        '整数',
    'schema check\x04boolean':
        '布尔值',
    'schema check\x04array':
        '数组',
    'schema check\x04object':
        '对象',
    'schema check\x04null':
        'null',
    'schema check\x04 or ':
        '或',
    'schema check\x04 ({count} allowed values)':
        '（共 {count} 个允许值）',
    'schema check\x04below the minimum':
        '小于下限',
    'schema check\x04above the maximum':
        '大于上限',
    'schema check\x04not above':
        '不大于',
    'schema check\x04not below':
        '不小于',
    'schema check\x04not allowed by the JSON Schema: {message}':
        '不符合 JSON Schema 约束：{message}',
    'sarif help\x04The file could not be read as given. Check the path, the permissions and the size limit (--max-size); riskfmt exits 2 for these.':
        '无法按给定方式读取文件。请检查路径、权限和大小上限（--max-size）；出现此类问题时 riskfmt 以退出码 2 结束。',
    'sarif help\x04The file is not well-formed JSON or YAML, or uses a construct riskfmt refuses because parsers would read it differently. Fix the text at the line and column given.':
        '文件不是格式正确的 JSON 或 YAML，或使用了不同解析器会作不同解读、因而被拒绝的写法。请按给出的行号和列号修改原文。',
    'sarif help\x04The document does not say which kind and version of riskfmt document it is, or names one this release does not know. Set `kind` and `format_version`.':
        '文档未声明其所属的 riskfmt 文档类型和格式版本，或声明了当前版本不支持的类型或版本。请设置 `kind` 和 `format_version`。',
    'sarif help\x04The document breaks the published JSON Schema of its kind and version at the JSON pointer given. The schemas are in schemas/jsonschema/ and can be used by any JSON Schema 2020-12 validator.':
        '文档在给出的 JSON 指针处不符合该类型和版本已发布的 JSON Schema。模式文件位于 schemas/jsonschema/，任何支持 JSON Schema 2020-12 的校验器均可使用。',
    'sarif help\x04A concept id is unknown, deprecated or newer than the vocabulary the document cites. `riskfmt vocab show ID` and `riskfmt vocab search TEXT` find the right concept.':
        '概念编号未知、已弃用，或晚于文档所引用的词表版本。可用 `riskfmt vocab show 编号` 或 `riskfmt vocab search 文本` 查找正确的概念。',
    'sarif help\x04The document is schema-valid but breaks a rule JSON Schema cannot express (statistics, dates, identity, consistency between fields).':
        '文档符合模式，但违反了 JSON Schema 无法表达的规则（统计量、日期、标识一致性、字段之间的一致性）。',
    "sarif help\x04A fact of the producer tool's output could not be carried over exactly, was derived, or was defaulted. The finding names the field; check the converted report before sharing it.":
        '生产工具输出中的某项信息未能原样转换，或经推导得出，或使用了默认值。发现项指明了相应字段；共享转换后的报告前请先核对。',
    'sarif help\x04An incident report breaks a rule of the incident format (attribution, likelihoods, timeline, hash chain).':
        '事件报告违反了事件格式的规则（归因、可能性、时间线、哈希链）。',
    'sarif help\x04Something that must not leave the producer may be in the document (weights, data, credentials, withheld content), or a marking, proof or signature does not hold. Remove it or redact the document with `riskfmt redact` before sharing.':
        '文档中可能含有不应离开生产方的内容（模型权重、数据、凭据、已声明保留的内容），或标记、证明、签名不成立。共享前请删除相关内容，或用 `riskfmt redact` 生成脱敏副本。',
    'sarif help\x04Two or more reports could not be compared as asked, or a difference crossed the gate set with --fail-on.':
        '无法按要求比较两份或多份报告，或差异超过了 --fail-on 设定的门限。',
    'sarif help\x04riskfmt itself failed. Run again with --traceback and report the output.':
        'riskfmt 自身出错。请加 --traceback 重新运行并报告输出。',
    'sarif help\x04Documentation':
        '说明文档',
    'corpus heading\x04concept_id':
        '风险编号',
    'corpus heading\x04label':
        '风险名称',
    'corpus heading\x04depth':
        '层级',
    'corpus heading\x04results':
        '结果数',
    'corpus heading\x04findings':
        '发现数',
    'corpus heading\x04incidents':
        '事件数',
    'corpus heading\x04producer_count':
        '评估方数',
    'corpus heading\x04producers':
        '评估方',
    'corpus heading\x04models':
        '模型',
    'corpus heading\x04task_id':
        '任务',
    'corpus heading\x04metric_id':
        '指标',
    'corpus heading\x04model':
        '模型',
    'corpus heading\x04slice':
        '切片',
    'corpus heading\x04producer_a':
        '评估方甲',
    'corpus heading\x04value_a':
        '甲取值',
    'corpus heading\x04lower_a':
        '甲下限',
    'corpus heading\x04upper_a':
        '甲上限',
    'corpus heading\x04producer_b':
        '评估方乙',
    'corpus heading\x04value_b':
        '乙取值',
    'corpus heading\x04lower_b':
        '乙下限',
    'corpus heading\x04upper_b':
        '乙上限',
    'corpus heading\x04z':
        'z 值',
    'corpus heading\x04intervals_apart':
        '区间不重叠',
    'corpus heading\x04report_a':
        '甲报告',
    'corpus heading\x04report_b':
        '乙报告',
    'corpus heading\x04observed':
        '时间',
    'corpus heading\x04producer':
        '评估方',
    'corpus heading\x04model_version':
        '模型版本',
    'corpus heading\x04value':
        '取值',
    'corpus heading\x04ci_lower':
        '区间下限',
    'corpus heading\x04ci_upper':
        '区间上限',
    'corpus heading\x04n':
        '样本数',
    'corpus heading\x04risks':
        '风险',
    'corpus heading\x04report_id':
        '报告编号',
    'conversion\x04the value is not a finite number':
        '该值不是有限数值',
    'conversion\x04not a key-value map':
        '不是键值映射',
    'conversion\x04not an object':
        '不是对象',
    'conversion\x04it has no evaluation_name':
        '缺少 evaluation_name',
    'conversion\x04EEE allows only string values here':
        'EEE 在此只允许字符串值',
    "conversion\x04 (EEE marks the metric's polarity unknown)":
        '（EEE 将该指标的方向标为未知）',
    'conversion\x04it has no confidence_level, which riskfmt requires; kept in extensions.every-eval-ever':
        '缺少 riskfmt 所要求的 confidence_level；保留于 extensions.every-eval-ever',
    "conversion\x04a local path on the evaluator's system; only its last component is kept":
        '评估方系统上的本地路径；只保留最后一级名称',
    'conversion\x04backend arguments (they may name local paths or servers); the model is identified by name and revision':
        '后端参数（可能包含本地路径或服务器地址）；模型以名称和修订版本标识',
    'conversion\x04engineering parameters that do not change results':
        '不影响结果的工程参数',
    'conversion\x04run options with no riskfmt field':
        'riskfmt 中没有对应字段的运行选项',
    'conversion\x04the installed transformers version; this backend does not use it':
        '所安装的 transformers 版本；该后端并不使用它',
    'conversion\x04the resolved task configurations (prompt templates, filters, metadata) are not kept; their sha256 (canonical JSON) is in extensions["lm-eval"].config_digests':
        '解析后的任务配置（提示词模板、过滤器、元数据）不予保留；其 sha256 摘要值（规范化 JSON）记于 extensions["lm-eval"].config_digests',
    "conversion\x04date (the run's start, Unix seconds) + total_evaluation_time_seconds":
        '由 date（运行开始时间，Unix 秒）加 total_evaluation_time_seconds 得出',
    "conversion\x04local data files; a report never records the evaluator's file paths":
        '本地数据文件；报告一律不记录评估方的文件路径',
    'conversion\x04rows that are not JSON objects with a new doc_id':
        '不是带有新 doc_id 的 JSON 对象的行',
    'conversion\x04a sample has one score: the first metric the row lists':
        '每个样本只保留一个分数：该行列出的第一个指标',
    'conversion\x04no per-sample field (input is the prompt, output the filtered response; the target text is kept only with --include-content); the hashes are folded into task_hashes, kept in extensions':
        '没有逐样本的对应字段（输入为提示词，输出为过滤后的回答；参考答案文本仅在指定 --include-content 时保留）；这些哈希值已汇入 task_hashes，保留于 extensions',
    'conversion\x04a standard error without its metric':
        '只有标准误，没有对应的指标',
    'conversion\x04not a metric key ("<metric>,<filter>")':
        '不是指标键（应为 "<metric>,<filter>"）',
    "conversion\x04the sum of its subtasks' n-samples.effective":
        '取各子任务 n-samples.effective 之和',
    'conversion\x04not a model hub id (org/name): a local path or name is not carried over':
        '不是模型库标识（org/name）：本地路径或名称不予转换',
    'conversion\x04loading and engineering parameters (they may name local paths)':
        '加载与工程参数（可能包含本地路径）',
    'conversion\x04the chat role template has no riskfmt field':
        '对话角色模板在 riskfmt 中没有对应字段',
    'conversion\x04model config values that are not scalars':
        '模型配置中不是标量的值',
    'conversion\x04task logs are not carried over (read only to name the error of a failed task)':
        '任务日志不予转换（仅用于说明失败任务的错误）',
    'conversion\x04earlier config dumps of re-runs (-r); the newest one was read':
        '重新运行（-r）留下的较早配置转储；已读取最新的一份',
    'conversion\x04per-sample details in a shape riskfmt does not read':
        'riskfmt 无法读取其结构的逐样本详情',
    'conversion\x04a local data path is not carried over':
        '本地数据路径不予转换',
    'conversion\x04prompt and reader configuration has no riskfmt field; task.version is the prompt hash':
        '提示词与读取器配置在 riskfmt 中没有对应字段；task.version 取提示词哈希',
    'conversion\x04fewer than two questions':
        '题目少于两道',
    'conversion\x04the per-sample data do not reproduce the reported value, so no standard error is derived from them':
        '逐样本数据无法复现所报告的取值，因此不据此推算标准误',
    'conversion\x04a summary-group aggregate of other results':
        '由其他结果汇总而成的汇总组取值',
    'conversion\x04a second value for a metric id already reported':
        '已报告过的指标编号的又一个取值',
    'conversion\x04contains expressions riskfmt does not evaluate: no prompt hash for task.version':
        '含有 riskfmt 不予求值的表达式：task.version 没有提示词哈希',
    'conversion\x04only the 2-decimal summary value exists (no raw-format block): the value is rounded':
        '只有保留两位小数的汇总值（没有 raw 格式区块）：该值经过舍入',
    'conversion\x04no value in the summary':
        '汇总表中没有取值',
    'Share a report with content withheld, and prove withheld items later.\n\n\x08\nriskfmt redact copy REPORT --profile NAME -o OUT [--salts FILE] [--tlp LABEL [--lower-marking]]\nriskfmt redact verify ORIGINAL REDACTED [--salts FILE] [--lower-marking]\nriskfmt redact reveal POINTER REPORT --salts FILE -o PROOF\nriskfmt redact check-proof PROOF REDACTED\nriskfmt redact profiles\n\nThe flag forms of riskfmt 0.2 (--verify, --reveal, --check-proof, --list-profiles, and a REPORT with no\nsubcommand) still work until riskfmt 0.4, with a note on standard error.':
        '分享隐去部分内容的报告，并在日后证明被隐去的条目。\n\n\x08\nriskfmt redact copy REPORT --profile NAME -o OUT [--salts FILE] [--tlp LABEL [--lower-marking]]\nriskfmt redact verify ORIGINAL REDACTED [--salts FILE] [--lower-marking]\nriskfmt redact reveal POINTER REPORT --salts FILE -o PROOF\nriskfmt redact check-proof PROOF REDACTED\nriskfmt redact profiles\n\nriskfmt 0.2 的旗标写法（--verify、--reveal、--check-proof、--list-profiles，以及不带子命令直接给出 REPORT）在 riskfmt 0.4 之前仍可使用，但会在标准错误输出中给出提示。',
    'Check that PROOF proves a withheld item of REDACTED (exit 1 if not).':
        '检查 PROOF 是否证明了 REDACTED 中的某个隐去条目（不成立时退出码为 1）。',
    'Write a shareable copy of REPORT: withheld content replaced by salted digests.\n\nSample inputs, outputs and targets are always removed; the profile says what else is withheld. Each\nwithheld item becomes a record with its HMAC-SHA-256 digest under a salt of its own; the salts go to a\nseparate owner-only file, so nobody can confirm a guessed item without them, and the owner can prove any\none item later (riskfmt redact reveal). Markings are kept; nothing is written over an input, and nothing at\nall if the copy would not validate.':
        '生成 REPORT 的可共享副本：隐去的内容替换为加盐摘要值。\n\n样本的输入、输出和参考答案一律移除；其余隐去哪些内容由脱敏配置决定。每个隐去条目变为一条记录，含以其专属盐值计算的 HMAC-SHA-256 摘要值；盐值单独写入仅所有者可读的文件，因此没有盐值的人无法验证对某一条目的猜测，而所有者日后可以证明其中任意一条（riskfmt redact reveal）。密级标记保持不变；不会覆盖任何输入文件，副本若无法通过校验则不写入任何内容。',
    'The shareable copy.':
        '可共享的副本。',
    "The owner's salts file (default OUTPUT.salts.json).":
        '所有者的盐值文件（默认为 OUTPUT.salts.json）。',
    "Allow --tlp to lower the document's marking (it is reported).":
        '允许 --tlp 降低文档的标记（此操作会被报告）。',
    'List the shipped redaction profiles.':
        '列出随附的脱敏配置。',
    'Write a proof of the withheld item POINTER of REPORT (the original), for one recipient.':
        '为 REPORT（原件）中的隐去条目 POINTER 写出证明，供某一接收方使用。',
    "The owner's salts file.":
        '所有者的盐值文件。',
    'The proof.':
        '证明文件。',
    'Check that REDACTED was derived from ORIGINAL by withholding items (exit 1 if not).':
        '检查 REDACTED 是否由 ORIGINAL 隐去条目后得到（不成立时退出码为 1）。',
    "The owner's salts file: also check the salted digests.":
        '所有者的盐值文件：同时核验加盐摘要值。',
    'Accept a copy whose marking the owner lowered (reported as a warning instead of failing).':
        '接受所有者降低了标记的副本（报告为警告而不判为失败）。',
    'Share a report with content withheld (salted digests), and prove withheld items later.':
        '分享隐去部分内容（以加盐摘要值代替）的报告，并在日后证明被隐去的条目。',
    'riskfmt: `riskfmt redact {old}` is deprecated and goes in riskfmt 0.4; use `riskfmt redact {new}` (see riskfmt redact --help)':
        'riskfmt：`riskfmt redact {old}` 已弃用，将在 riskfmt 0.4 中移除；请改用 `riskfmt redact {new}`（见 riskfmt redact --help）',
    'use one of --verify, --reveal, --check-proof, --list-profiles':
        '--verify、--reveal、--check-proof、--list-profiles 只能选用其一',
    '--reveal needs a POINTER':
        '--reveal 需要给出 POINTER',
    '--lower-marking only applies together with --tlp':
        '--lower-marking 只能与 --tlp 一同使用',
    'standard input (-) can stand for only one of the documents':
        '标准输入（-）只能代表其中一份文档',
    'conversion\x04kept in extensions.every-eval-ever; the evaluation_id embeds the retrieval time (EEE issue #270), so it is not the report id':
        '保留于 extensions.every-eval-ever；evaluation_id 中含有抓取时间（EEE issue #270），因此不作为报告编号',
    'conversion\x04the record names no evaluation library':
        '记录未说明所用的评估库',
    'conversion\x04kept in extensions.every-eval-ever':
        '保留于 extensions.every-eval-ever',
    'conversion\x04inline per-sample inputs and responses of EEE 0.1.0 records, without scores, are not carried over':
        'EEE 0.1.0 记录中内嵌的逐样本输入和回答不含分数，不予转换',
    'conversion\x04not part of EEE schema 0.3.0; kept in extensions.every-eval-ever':
        '不属于 EEE 0.3.0 模式；保留于 extensions.every-eval-ever',
    'conversion\x04it names no samples file':
        '未指明样本文件',
    'conversion\x04not JSON objects with a sample_id':
        '不是带有 sample_id 的 JSON 对象',
    'conversion\x04riskfmt keeps the sample id, epoch, score, verdict and digests (and the content only with --include-content)':
        'riskfmt 保留样本编号、轮次、分数、判定和摘要值（内容仅在指定 --include-content 时保留）',
    'conversion\x04no riskfmt field; kept per result in extensions.every-eval-ever':
        'riskfmt 中没有对应字段；按结果保留于 extensions.every-eval-ever',
    "conversion\x04riskfmt keeps per-sample scores for one metric per evaluation (the evaluation's first result)":
        'riskfmt 每个评估只保留一个指标的逐样本分数（该评估的第一个结果）',
    'conversion\x04exact duplicates of earlier rows; kept once':
        '与之前的行完全相同；只保留一次',
    'conversion\x04they repeat the sample id and epoch of an earlier row with nothing telling them apart (EEE keeps no train-trial or perturbation marker); only the first is kept':
        '与之前某行的样本编号和轮次相同，且没有可以区分二者的信息（EEE 不记录训练试次或扰动标记）；只保留第一行',
    'conversion\x04it names no engine; kept in extensions.every-eval-ever':
        '未指明推理引擎；保留于 extensions.every-eval-ever',
    "conversion\x04HELM's stddev is the spread of per-train-trial means, not a sampling error; the standard error is recomputed from per_instance_stats.json (the trial spread is kept in extensions when count > 1)":
        'HELM 的 stddev 是各训练试次均值的离散程度，而非抽样误差；标准误根据 per_instance_stats.json 重新计算（count > 1 时，试次间离散程度保留于 extensions）',
    "conversion\x04a sample has one score (the run group's main metric, else exact_match)":
        '每个样本只有一个分数（该运行组的主指标，否则取 exact_match）',
    'conversion\x04only the prompt and completion digests are kept':
        '只保留提示词和补全的摘要值',
    'conversion\x04the file could not be read':
        '无法读取该文件',
    "conversion\x04 (schema.json does not list the model's access)":
        '（schema.json 未列出该模型的访问方式）',
    'conversion\x04display metadata of the model':
        '模型的展示用元数据',
    "conversion\x04 (not in schema.json nor in the converter's table of known metrics)":
        '（schema.json 和转换器的已知指标表中均未收录）',
    'conversion\x04sample sd / sqrt(n instances) of the per-instance values in per_instance_stats.json (same metric, split and perturbation; train trials averaged per instance first)':
        '取 per_instance_stats.json 中逐实例取值的样本标准差 / sqrt(实例数)（同一指标、数据划分和扰动；各训练试次先按实例取平均）',
    'conversion\x04num_instances of the unperturbed split (worst/original slices cover the same instances), or the number of distinct instances in per_instance_stats.json':
        '取未扰动数据划分的 num_instances（worst/original 切片覆盖相同的实例），否则取 per_instance_stats.json 中不同实例的个数',
    "conversion\x04no per-instance values (a corpus-level or aggregate-only metric); HELM's stddev is the spread across train trials, not a standard error":
        '没有逐实例取值（语料级或仅有汇总值的指标）；HELM 的 stddev 是训练试次间的离散程度，而非标准误',
    'conversion\x04HELM computes these slices from aggregates, with no per-instance values':
        'HELM 由汇总值计算这些切片，没有逐实例取值',
    'conversion\x04fewer than 2 instances':
        '实例少于 2 个',
    'conversion\x04stats with no mean (count 0)':
        '没有均值的统计项（count 为 0）',
    'conversion\x04they describe the run, not the model; unperturbed values are kept in extensions["helm"].bookkeeping':
        '这些描述的是运行过程而非模型；未扰动的取值保留于 extensions["helm"].bookkeeping',
    'conversion\x04a repeated instance, perturbation and train trial (the first row is kept), or no valid train_trial_index':
        '实例、扰动和训练试次重复（保留第一行），或 train_trial_index 无效',
    'conversion\x04no request state with the same instance id, perturbation and train trial: no digests':
        '没有实例编号、扰动和训练试次都相同的请求状态：没有摘要值',
    'conversion\x04the texts are not kept; the sha256 of the whole adapter_spec is settings.other.adapter_spec_digest':
        '文本不予保留；整个 adapter_spec 的 sha256 摘要值记于 settings.other.adapter_spec_digest',
    'conversion\x04augmentation options; the perturbation classes are settings.other.data_augmentation and the perturbations appear as result slices':
        '数据增强选项；扰动类别记于 settings.other.data_augmentation，各扰动以结果切片呈现',
    "conversion\x04every response came from HELM's cache, so the times are when they were first made, not when this run happened":
        '所有回答都来自 HELM 的缓存，因此这些时间是回答最初生成的时间，而非本次运行的时间',
    'conversion\x04not a stat':
        '不是统计项',
    'conversion\x04a second stat with the same name, split and perturbation':
        '名称、数据划分和扰动都相同的第二个统计项',
    'conversion\x04 (a model card does not say which harness produced its numbers)':
        '（模型卡未说明其数字由哪个评测框架得出）',
    'conversion\x04 (a model card does not say how the evaluator reached the model)':
        '（模型卡未说明评估方如何访问该模型）',
    'conversion\x04 (model-index records no number of samples)':
        '（model-index 不记录样本数）',
    'conversion\x04 (model-index records no date)':
        '（model-index 不记录日期）',
    'conversion\x04 (model-index does not say whether a value is a fraction, a percentage or a raw score; values are kept as written, never rescaled)':
        '（model-index 未说明取值是比例、百分数还是原始分数；取值按原样保留，绝不换算）',
    "conversion\x04 (.eval_results names no metric: the benchmark dataset's eval.yaml defines it)":
        '（.eval_results 未指明指标：指标由基准数据集的 eval.yaml 定义）',
    'conversion\x04 (.eval_results records no number of samples)':
        '（.eval_results 不记录样本数）',
    'conversion\x04 (.eval_results records no unit or bounds; values are kept as written, never rescaled)':
        '（.eval_results 不记录单位或取值范围；取值按原样保留，绝不换算）',
    'conversion\x04.eval_results has no standard-error field':
        '.eval_results 没有标准误字段',
    'conversion\x04 (taken from the folder name)':
        '（取自目录名称）',
    'conversion\x04model card metadata, not evaluation results':
        '模型卡元数据，而非评估结果',
    'conversion\x04there are none':
        '没有任何结果',
    "conversion\x04a display name; the task type and arguments are in the result's slice, all of it in extensions.huggingface":
        '展示用名称；任务类型和参数见结果的切片，完整内容保留于 extensions.huggingface',
    'conversion\x04one result holds one value per metric: the first is kept, this one stays in extensions.huggingface':
        '每个结果的每个指标只有一个取值：保留第一个，此值保留于 extensions.huggingface',
    'conversion\x04metric arguments have no riskfmt field; kept in extensions.huggingface':
        '指标参数在 riskfmt 中没有对应字段；保留于 extensions.huggingface',
    'conversion\x04 (the card does not say whether ± is a standard error, a standard deviation or an interval half-width; the original string is kept in extensions.huggingface)':
        '（模型卡未说明 ± 表示标准误、标准差还是区间半宽；原始字符串保留于 extensions.huggingface）',
    'conversion\x04model-index has no standard-error field':
        'model-index 没有标准误字段',
    'conversion\x04 (.eval_results names no model; taken from the repository folder)':
        '（.eval_results 未指明模型；取自仓库目录）',
    'conversion\x04 (some entries have no date)':
        '（部分条目没有日期）',
    'conversion\x04not a mapping':
        '不是映射',
    'conversion\x04not a mapping; kept in extensions.huggingface':
        '不是映射；保留于 extensions.huggingface',
    'conversion\x04not part of the .eval_results format':
        '不属于 .eval_results 格式',
    'conversion\x04not part of the .eval_results format; kept in extensions.huggingface':
        '不属于 .eval_results 格式；保留于 extensions.huggingface',
    'conversion\x04not a plain value; kept in extensions.huggingface':
        '不是简单值；保留于 extensions.huggingface',
    'label\x04Evaluation report':
        '评估报告',
    'label\x04Incident report':
        '事件报告',
    'label\x04Comparison of two evaluation reports':
        '两份评估报告的比较',
    'label\x04Comparison of {n} evaluation reports':
        '{n} 份评估报告的比较',
    'label\x04Comparison of two incident reports':
        '两份事件报告的比较',
    'label\x04Rendered by riskfmt {version} from {source}. This page loads nothing from the network.':
        '由 riskfmt {version} 根据 {source} 生成。本页面不从网络加载任何内容。',
    'label\x04Contents':
        '目录',
    'label\x04Parts of this document carry a stricter label:':
        '本文档的部分内容适用更严格的标记：',
    'label\x04none':
        '无',
    'label\x04not recorded':
        '未记录',
    'label\x04Who, what, when':
        '评估方、模型与日期',
    'label\x04Producer':
        '评估方',
    'label\x04Relationship to the developer':
        '与开发方的关系',
    'label\x04Jurisdiction':
        '所在国家/地区',
    'label\x04Contact':
        '联系方式',
    'label\x04Tool':
        '评估工具',
    'label\x04Model':
        '被评估模型',
    'label\x04Developer':
        '开发方',
    'label\x04Version':
        '版本',
    'label\x04Revision':
        '修订号',
    'label\x04Published id':
        '发布名称',
    'label\x04Access':
        '访问方式',
    'label\x04Digests':
        '摘要值',
    'label\x04Inference engine':
        '推理引擎',
    'label\x04Inference platform':
        '推理平台',
    'label\x04Report finalised':
        '报告定稿时间',
    'label\x04Evaluations ran':
        '评估执行时间',
    'label\x04Report id':
        '报告编号',
    'label\x04Format and vocabulary':
        '格式与词表版本',
    'label\x04Vocabulary':
        '词表版本',
    'label\x04format {format}, vocabulary {vocab}':
        '格式 {format}，词表 {vocab}',
    'label\x04Converted from':
        '转换来源',
    'label\x04Converter':
        '转换工具',
    'label\x04Converted on':
        '转换时间',
    'label\x04Results':
        '评估结果',
    'label\x04Results with their intervals':
        '各项结果及其区间',
    'label\x04Every result':
        '全部结果',
    'label\x04Scale {lo} to {hi}':
        '取值范围 {lo} 至 {hi}',
    'label\x04{metric} ({unit})':
        '{metric}（单位 {unit}）',
    'label\x04{metric}':
        '{metric}',
    'label\x04● value; solid line: interval as recorded; dashed line: interval computed by riskfmt from the standard error or from n; red tick: threshold. Hover a row for n and the method.':
        '● 取值；实线：报告给出的区间；虚线：riskfmt 根据标准误或样本数推算的区间；红色竖线：阈值。悬停可查看样本数与估计方法。',
    'label\x04Evaluation':
        '评估项',
    'label\x04Task':
        '任务',
    'label\x04Metric':
        '指标',
    'label\x04Value':
        '取值',
    'label\x04Interval':
        '区间',
    'label\x04n':
        '样本数',
    'label\x04Uncertainty':
        '不确定性',
    'label\x04Threshold':
        '阈值',
    'label\x04Risk level':
        '风险等级',
    'label\x04Risk concepts':
        '风险概念',
    'label\x04Status':
        '状态',
    'label\x04Method':
        '评估方法',
    'label\x04Slice':
        '数据切片',
    'label\x04This report has no numeric results.':
        '本报告没有数值结果。',
    'label\x04no interval':
        '无区间',
    'label\x04{level} interval as recorded ({how})':
        '报告给出的 {level} 区间（{how}）',
    'label\x04{level} interval computed by riskfmt from the standard error':
        'riskfmt 根据标准误推算的 {level} 区间',
    'label\x04{level} Wilson interval computed by riskfmt from n':
        'riskfmt 根据样本数按 Wilson 法推算的 {level} 区间',
    'label\x04n not recorded':
        '未记录样本数',
    'label\x04standard error {se}':
        '标准误 {se}',
    'label\x04met':
        '达标',
    'label\x04missed':
        '未达标',
    'label\x04at most {value}':
        '不高于 {value}',
    'label\x04at least {value}':
        '不低于 {value}',
    'label\x04Direction':
        '方向',
    'label\x04Results by risk concept':
        '按风险概念分组的结果',
    'label\x04Coverage of the vocabulary':
        '词表覆盖情况',
    'label\x04Risk concepts of vocabulary {version} this report tested (●) and did not test (○), by domain.':
        '本报告在词表 {version} 中已测（●）与未测（○）的风险概念，按领域列出。',
    'label\x04Domain':
        '领域',
    'label\x04tested':
        '已测',
    'label\x04Not tested in this domain ({n})':
        '本领域未测的概念（{n} 个）',
    'label\x04{n} result(s)':
        '{n} 项结果',
    'label\x04{n} finding(s)':
        '{n} 项发现',
    'label\x04Qualitative findings':
        '定性发现',
    'label\x04Checks by riskfmt validate':
        'riskfmt validate 校验结果',
    'label\x04No findings: the document passes every check.':
        '未发现问题：本文档通过全部校验。',
    'label\x04{errors} error(s), {warnings} warning(s), {infos} note(s)':
        '{errors} 个错误，{warnings} 个警告，{infos} 个提示',
    'label\x04Code':
        '代码',
    'label\x04Severity':
        '级别',
    'label\x04Where':
        '位置',
    'label\x04Message':
        '说明',
    'label\x04What this copy withholds':
        '本副本隐去的内容',
    'label\x04This copy declares nothing withheld.':
        '本副本未声明隐去任何内容。',
    'label\x04Redaction profile':
        '脱敏配置',
    'label\x04Kinds withheld':
        '隐去的内容类别',
    'label\x04Withheld items ({n}), each with a salted digest the owner can later prove':
        '隐去的条目（{n} 项），每项附有加盐摘要，持有方日后可据此证明原文内容',
    'label\x04Kind':
        '类别',
    'label\x04Reason':
        '原因',
    'label\x04Digest':
        '摘要值',
    'label\x04Items':
        '条目数',
    'label\x04Notes':
        '备注',
    'label\x04Differences B − A with their intervals':
        '差值 B − A 及其区间',
    "label\x04Each report's value with its interval":
        '各报告的取值及其区间',
    "label\x04● difference B − A with its {level} interval (after the comparison's own method); dashed line: no difference. A hollow mark with no line: cannot tell (no uncertainty to test with).":
        '● 差值 B − A 及其 {level} 区间；虚线：无差异。空心点且无区间：无法判断（缺少可用于检验的不确定性）。',
    "label\x04● each report's value with its {level} interval (solid: as recorded; dashed: computed by riskfmt from the standard error or n); red: the report disagrees with another beyond the uncertainty after correction.":
        '● 各报告的取值及其 {level} 区间（实线：报告给出；虚线：riskfmt 根据标准误或样本数推算）；红色：经多重比较校正后，与另一报告的差异超出不确定性。',
    'label\x04The two reports':
        '两份报告',
    'label\x04proportions':
        '比例类指标',
    'label\x04other scales':
        '其他量纲的指标',
    'label\x04cannot tell':
        '无法判断',
    'label\x04not compared':
        '未比较',
    'label\x04not significant':
        '不显著',
    'label\x04same':
        '相同',
    'label\x04better, significant':
        '更好，显著',
    'label\x04worse, significant':
        '更差，显著',
    'label\x04changed, significant':
        '有变化，显著',
    'label\x04alignment: {tier}':
        '对应方式：{tier}',
    'label\x04Coverage differences':
        '覆盖范围差异',
    'label\x04Risk concepts only {side} evaluated':
        '仅 {side} 评估的风险概念',
    'label\x04Tasks only {side} ran':
        '仅 {side} 运行的任务',
    'label\x04Both reports cover the same risk concepts and tasks.':
        '两份报告覆盖的风险概念与任务相同。',
    'label\x04Summary':
        '概述',
    'label\x04Current assessment':
        '当前评估',
    'label\x04Event type':
        '事件类型',
    'label:incident_status\x04Status':
        '处置状态',
    'label:severity_level\x04Severity':
        '严重程度',
    'label\x04Settled cause':
        '已认定的原因',
    'label\x04Assessed by':
        '评估人',
    'label\x04Assessed':
        '评估时间',
    'label\x04Rationale':
        '理由',
    'label\x04Attribution hypotheses':
        '归因假设',
    'label\x04Hypothesis':
        '假设',
    'label\x04Likelihood':
        '可能性',
    'label\x04Confidence':
        '把握程度',
    'label\x04Evidence':
        '证据',
    'label\x04For':
        '支持',
    'label\x04Against':
        '反对',
    'label\x04Source':
        '来源',
    'label\x04Reporter':
        '报告方',
    'label\x04Role':
        '角色',
    'label\x04Dates':
        '日期',
    'label\x04Reporter and dates':
        '报告方与日期',
    'label\x04System':
        '系统',
    'label\x04Occurred':
        '发生',
    'label\x04Detected':
        '发现',
    'label\x04Reported':
        '报告',
    'label\x04Sectors (ISIC)':
        '行业（ISIC）',
    'label\x04Jurisdictions':
        '适用法域',
    'label\x04Countries':
        '国家/地区',
    'label\x04AI systems involved':
        '涉及的人工智能系统',
    'label\x04Harms':
        '损害',
    'label\x04Affected':
        '受影响方',
    'label\x04Timeline':
        '时间线',
    'label\x04What changed':
        '变化',
    'label\x04{field}: {old} → {new}':
        '{field}：{old} → {new}',
    'label\x04first statement of the assessment':
        '首次给出评估',
    'label\x04no change to the assessment':
        '评估未变',
    'label\x04Likelihood of each hypothesis':
        '各归因假设的可能性',
    'label\x04● stated likelihood; a line without a dot: the range of the words of estimative probability used (ICD 203).':
        '● 给出的可能性数值；仅有线段：所用估计概率词对应的区间（ICD 203）。',
    'label\x04Links':
        '关联',
    'label\x04Sources':
        '来源',
    'label\x04Related incident reports':
        '相关事件报告',
    'label\x04Evaluation reports':
        '相关评估报告',
    'label\x04Total variation distance over the broadest causes':
        '按最上位原因计算的总变差距离',
    'label\x04Broadest cause':
        '最上位原因',
    'label\x04Most likely cause':
        '最可能的原因',
    'label\x04Agreement':
        '是否一致',
    'label\x04Other differences':
        '其他差异',
    'label\x04Field':
        '字段',
    'label\x04History':
        '历史',
    'label\x04shared':
        '共有',
    'label\x04only {side}':
        '仅 {side}',
    'tlp\x04Disclosure is not limited.':
        '可公开，传播不受限制。',
    'tlp\x04Limited disclosure: recipients may share it within their community, not publicly.':
        '有限传播：接收方可在其所在社群内分享，不得公开。',
    'tlp\x04Limited disclosure: recipients may share it only with their organisation and its clients who need to know.':
        '有限传播：接收方仅可在本机构及其客户中确需知悉者范围内分享。',
    'tlp\x04Limited disclosure: recipients may share it only within their own organisation, with those who need to know.':
        '有限传播：接收方仅可在本机构内部确需知悉者范围内分享。',
    'tlp\x04For the named recipients only: no further disclosure.':
        '仅限指定接收人本人知悉，不得再传播。',
    'enum:relationship\x04first party (the developer evaluated its own model)':
        '第一方（开发方自评）',
    'enum:relationship\x04third party (independent of the developer)':
        '第三方（独立于开发方）',
    'enum:relationship\x04collaborative (developer and independent party)':
        '合作评估（开发方与独立方共同开展）',
    'enum:relationship\x04other':
        '其他',
    'enum:access\x04open weights, run by the evaluator':
        '开放权重，由评估方自行运行',
    'enum:access\x04hosted API':
        '托管 API',
    "enum:access\x04inside the developer's infrastructure":
        '在开发方内部环境中',
    'enum:access\x04other':
        '其他',
    'enum:subject\x04weights file':
        '权重文件',
    'enum:subject\x04weights manifest':
        '权重清单',
    'enum:subject\x04container image':
        '容器镜像',
    'enum:subject\x04API snapshot':
        'API 快照',
    'enum:subject\x04other':
        '其他',
    'enum:uncertainty\x04analytic standard error':
        '解析法标准误',
    'enum:uncertainty\x04binomial standard error':
        '二项分布标准误',
    'enum:uncertainty\x04bootstrap':
        '自助法重抽样',
    'enum:uncertainty\x04clustered standard error':
        '聚类稳健标准误',
    'enum:uncertainty\x04as reported by the tool (method unknown)':
        '工具原样给出（方法不明）',
    'enum:uncertainty\x04derived by the converter from per-sample data':
        '由转换器根据逐样本数据计算',
    'enum:uncertainty\x04other method':
        '其他方法',
    'enum:status\x04completed':
        '已完成',
    'enum:status\x04incomplete':
        '未完成',
    'enum:status\x04ended in an error':
        '运行出错',
    'enum:status\x04cancelled':
        '已取消',
    'enum:status\x04invalidated':
        '已作废',
    'enum:direction\x04higher is better':
        '越高越好',
    'enum:direction\x04lower is better':
        '越低越好',
    'enum:direction\x04no better direction':
        '无优劣方向',
    'enum:direction\x04directions differ':
        '方向不一致',
    'enum:withheld\x04sample prompts':
        '样本输入（提示词）',
    'enum:withheld\x04model outputs':
        '模型输出',
    'enum:withheld\x04reference answers':
        '参考答案',
    'enum:withheld\x04unsalted sample digests':
        '未加盐的样本摘要值',
    'enum:withheld\x04finding titles':
        '发现标题',
    'enum:withheld\x04finding descriptions':
        '发现描述',
    'enum:withheld\x04risk-level rationales':
        '风险等级理由',
    'enum:withheld\x04notes':
        '备注',
    'enum:withheld\x04producer extensions':
        '评估方扩展字段',
    'enum:severity\x04error':
        '错误',
    'enum:severity\x04warning':
        '警告',
    'enum:severity\x04note':
        '提示',
    'enum:incident_status\x04ongoing':
        '持续中',
    'enum:incident_status\x04halted':
        '已中止',
    'enum:incident_status\x04mitigated':
        '已缓解',
    'enum:incident_status\x04concluded':
        '已结束',
    'enum:incident_status\x04near miss':
        '未遂',
    'enum:reporter_role\x04developer':
        '开发方',
    'enum:reporter_role\x04deployer':
        '部署方',
    'enum:reporter_role\x04affected party':
        '受影响方',
    'enum:reporter_role\x04regulator':
        '监管方',
    'enum:reporter_role\x04researcher':
        '研究人员',
    'enum:reporter_role\x04incident database':
        '事件数据库',
    'enum:reporter_role\x04other':
        '其他',
    'enum:system_role\x04primary':
        '主要系统',
    'enum:system_role\x04contributing':
        '促成系统',
    'enum:system_role\x04target':
        '被攻击对象',
    'enum:system_role\x04instrument':
        '被利用的工具',
    'enum:system_role\x04detection':
        '检测系统',
    'enum:system_role\x04other':
        '其他',
    'enum:confidence\x04low':
        '低',
    'enum:confidence\x04moderate':
        '中',
    'enum:confidence\x04high':
        '高',
    'enum:relation\x04same incident':
        '同一事件',
    'enum:relation\x04related':
        '相关',
    'enum:relation\x04follow-up':
        '后续',
    'enum:relation\x04supersedes':
        '取代',
    'enum:agreement\x04agree':
        '一致',
    'enum:agreement\x04compatible (one is broader)':
        '相容（一方更宽泛）',
    'enum:agreement\x04disagree':
        '不一致',
    'enum:agreement\x04cannot tell':
        '无法判断',
    'enum:tier\x04exact':
        '精确对应',
    'enum:tier\x04same concepts, reached through a crosswalk that is not exact':
        '概念相同，但经由非精确的映射得到',
    'enum:tier\x04the concepts only overlap':
        '概念仅部分重叠',
    'vocab show\x04scheme':
        '概念体系',
    'vocab show\x04status':
        '状态',
    'vocab show\x04added in':
        '新增于词表',
    'vocab show\x04deprecated in {since}; use {id}':
        '自词表 {since} 起弃用，请改用 {id}',
    'vocab show\x04broader':
        '上位概念',
    'vocab show\x04narrower':
        '下位概念',
    'vocab show\x04alternative labels':
        '其他名称',
    'vocab show\x04scope note':
        '适用范围说明',
    'vocab show\x04definition':
        '定义',
    'concept status\x04stable':
        '稳定',
    'concept status\x04provisional':
        '暂定',
    'concept status\x04deprecated':
        '已弃用',
    'mapping predicate\x04skos:exactMatch':
        '精确对应',
    'mapping predicate\x04skos:closeMatch':
        '近似对应',
    'mapping predicate\x04skos:broadMatch':
        '对应更宽的概念',
    'mapping predicate\x04skos:narrowMatch':
        '对应更窄的概念',
    'mapping predicate\x04skos:relatedMatch':
        '相关',
    'mapping predicate\x04sssom:NoTermFound':
        '无对应概念',
    '(no equivalent)':
        '（无对应概念）',
    'RF001\x04File not found: {path}':
        '找不到文件：{path}',
    'RF002\x04Directory holds no .json, .yaml or .yml files: {path}':
        '目录中没有 .json、.yaml 或 .yml 文件：{path}',
    'RF003\x04Cannot read the file: {reason}':
        '无法读取文件：{reason}',
    'RF004\x04File is {size} bytes, over the limit of {limit} bytes (raise it with --max-size)':
        '文件大小为 {size} 字节，超过 {limit} 字节的上限（可用 --max-size 调整）',
    'RF005\x04File looks binary (a NUL byte at offset {offset}), not JSON or YAML text':
        '文件看似二进制文件（偏移量 {offset} 处有 NUL 字节），不是 JSON 或 YAML 文本',
    'RF006\x04{path} is {what}, not a regular file: refused without opening it (reading it could block or never end)':
        '{path} 是{what_zh}，不是普通文件：已拒绝且未打开（读取它可能阻塞或永不结束）',
    'RF007\x04The output {path} already exists; give --force to replace it':
        '输出 {path} 已存在；如需替换请加 --force',
    'RF008\x04The output {path} would replace the input {input}; nothing was written':
        '输出 {path} 会覆盖输入 {input}，未写入任何内容',
    'RF009\x04Cannot write the output {path}: {reason}':
        '无法写入输出 {path}：{reason_zh}',
    'RF010\x04The output {path} is {what}, but this command writes {want} there':
        '输出 {path} 是{what_zh}，而此命令在该处写入的是{want_zh}',
    'RF011\x04Nothing was written for {path}: the output would not validate or would carry a detected leak (see the findings above)':
        '未写入 {path}：输出无法通过校验，或含有检测到的泄露内容（见上方各项发现）',
    'RF101\x04Invalid JSON: {detail}':
        'JSON 语法错误：{detail_zh}',
    'RF102\x04File is empty':
        '文件为空',
    'RF103\x04Text is not valid UTF-8 (byte 0x{byte} at offset {offset})':
        '文本不是有效的 UTF-8 编码（偏移量 {offset} 处的字节 0x{byte}）',
    'RF104\x04File starts with a UTF-8 byte-order mark; JSON (RFC 8259) forbids it. It was ignored':
        '文件以 UTF-8 字节顺序标记（BOM）开头，JSON（RFC 8259）不允许使用，已忽略',
    'RF105\x04Duplicate key "{key}": parsers disagree on which value wins':
        '重复的键 "{key}"：不同解析器对保留哪个值的处理不一致',
    'RF106\x04{token} is not a JSON number; only finite numbers are allowed':
        '{token} 不是合法的 JSON 数值，只允许有限数值',
    'RF107\x04Nesting is deeper than {limit} levels':
        '嵌套层级超过 {limit} 层',
    'RF108\x04Invalid YAML: {detail}':
        'YAML 语法错误：{detail_zh}',
    'RF109\x04YAML aliases expand to more than {limit} nodes (an alias bomb?)':
        'YAML 别名展开后超过 {limit} 个节点（疑似别名炸弹）',
    'RF110\x04Number {token} is outside the range of a double-precision float':
        '数值 {token} 超出双精度浮点数的表示范围',
    'RF111\x04YAML value has no JSON equivalent: {detail}':
        'YAML 值无法对应到 JSON：{detail_zh}',
    'RF112\x04File holds more than one YAML document; put each report in its own file':
        '文件包含多个 YAML 文档，每份报告应单独成文件',
    'RF113\x04YAML 1.1 would read {value} as {yaml11}; riskfmt reads YAML 1.2, where it is {yaml12}. Quote it or write it the 1.2 way to say what is meant':
        '按 YAML 1.1 规则，{value} 会被读作{yaml11_zh}；riskfmt 按 YAML 1.2 读取，结果为{yaml12_zh}。请加引号或按 1.2 的写法书写，以明确原意',
    'RF114\x04A number of {digits} digits is longer than the limit of {limit} digits':
        '数值长达 {digits} 位，超过 {limit} 位的上限',
    'RF115\x04Text holds a lone UTF-16 surrogate ({escape}), which no UTF-8 document can carry':
        '文本中含有孤立的 UTF-16 代理码元（{escape}），UTF-8 文档无法承载',
    'RF116\x04Integer {token} is outside ±9007199254740991 (2^53 - 1), the range every JSON implementation keeps exactly (RFC 7493); canonical JSON (RFC 8785), and so digests and signatures, cannot carry it':
        '整数 {token} 超出 ±9007199254740991（2^53 - 1），即各 JSON 实现都能精确保存的范围（RFC 7493）；规范化 JSON（RFC 8785）及其摘要和签名均无法承载',
    'RF201\x04Not a riskfmt document: the top level must be an object with a "kind" field':
        '不是 riskfmt 文档：顶层必须是包含 "kind" 字段的对象',
    'RF202\x04Unknown document kind "{kind}" (known: {known})':
        '未知的文档类型 "{kind}"（已知类型：{known}）',
    'RF203\x04Format version {version} has a major version this riskfmt does not know (supported: {supported})':
        '格式版本 {version} 的主版本号不受当前 riskfmt 支持（支持：{supported}）',
    'RF204\x04Format version {version} is newer than {known}; validated as {known}, newer fields may be reported':
        '格式版本 {version} 高于 {known}，按 {known} 校验，新增字段可能被报告为错误',
    'RF205\x04Missing or malformed format version (expected "MAJOR.MINOR")':
        '缺少格式版本或格式不正确（应为 "主版本.次版本"）',
    'RF206\x04Vocabulary {version} is newer than the newest known ({known}); ids added since cannot be checked':
        '词表版本 {version} 高于已知的最新版本（{known}），其后新增的标识无法校验',
    'RF207\x04Unknown vocabulary version {version} (released: {known})':
        '未知的词表版本 {version}（已发布：{known}）',
    'RF300\x04{detail}':
        '{detail_zh}',
    'RF301\x04Missing required field "{field}"':
        '缺少必填字段 "{field}"',
    'RF302\x04Field "{field}" is not allowed here':
        '此处不允许出现字段 "{field}"',
    'RF303\x04Expected {expected}, found {found}':
        '应为{expected_zh}，实际为{found_zh}',
    'RF304\x04Value {value} is not one of the allowed values{hint}':
        '值 {value} 不在允许的取值范围内{hint_zh}',
    'RF305\x04Value {value} does not have the required form: {pattern}':
        '值 {value} 不符合要求的格式：{pattern_zh}',
    'RF306\x04Value {value} is {relation} {limit}':
        '值 {value} {relation_zh} {limit}',
    'RF307\x04Value {value} is not a valid {format}':
        '值 {value} 不是有效的 {format}',
    'RF308\x04At least {limit} item(s) required, found {found}':
        '至少需要 {limit} 项，实际为 {found} 项',
    'RF309\x04Matches none of the allowed shapes; closest: {detail}':
        '不符合任何一种允许的结构；最接近的一种：{detail_zh}',
    'RF310\x04Matches more than one of the shapes that exclude each other (has: {detail})':
        '同时符合多种互斥的结构（包含：{detail}）',
    'RF401\x04Unknown risk id "{id}"{suggestion}':
        '未知的风险编号 "{id}"{suggestion_zh}',
    'RF402\x04Risk id {id} ({label}) is deprecated since vocabulary {since}; use {replacement} ({replacement_label})':
        '风险编号 {id}（{label_zh}）自词表 {since} 起已弃用，请改用 {replacement}（{replacement_label_zh}）',
    'RF403\x04Unknown evaluation method "{id}"{suggestion}':
        '未知的评估方法 "{id}"{suggestion_zh}',
    'RF404\x04Risk id {id} was added in vocabulary {added}, after the cited vocabulary {cited}':
        '风险编号 {id} 于词表 {added} 中新增，晚于报告所引用的词表 {cited}',
    'RF405\x04Risk id "{id}" is unknown here; it may come from the newer vocabulary {cited}':
        '风险编号 "{id}" 在此无法识别，可能来自更新的词表 {cited}',
    'RF406\x04Framework code {id} has no riskfmt equivalent in vocabulary {version}; cite a riskfmt concept as well':
        '框架编码 {id} 在词表 {version} 中没有对应的 riskfmt 概念，请同时引用一个 riskfmt 概念',
    'RF501\x04Confidence interval [{lower}, {upper}] does not contain the value {value}':
        '置信区间 [{lower}, {upper}] 不包含取值 {value}',
    'RF502\x04Confidence interval lower bound {lower} is above its upper bound {upper}':
        '置信区间下限 {lower} 大于上限 {upper}',
    "RF503\x04Value {value} lies outside the metric's bounds [{min}, {max}]":
        '取值 {value} 超出指标范围 [{min}, {max}]',
    'RF504\x04Metric minimum {min} is above its maximum {max}':
        '指标下限 {min} 大于上限 {max}',
    'RF505\x04{later_field} ({later}) is before {earlier_field} ({earlier})':
        '{later_field}（{later}）早于 {earlier_field}（{earlier}）',
    'RF506\x04Id "{id}" is used more than once (first at {first})':
        '标识 "{id}" 重复使用（首次出现于 {first}）',
    'RF507\x04Same metric, slice and risks as {first}: two values for one measurement':
        '与 {first} 的指标、切片和风险相同：同一测量出现两个取值',
    "RF508\x04report_id {found} does not match the report's defining content; expected {expected}":
        'report_id {found} 与报告内容不符：按报告的核心内容计算，应为 {expected}',
    'RF509\x04Samples file {path} not found next to the report':
        '在报告所在目录中找不到样本文件 {path}',
    'RF510\x04Samples file {path} has digest {found}, the report pins {expected}':
        '样本文件 {path} 的哈希值为 {found}，与报告中记录的 {expected} 不一致',
    'RF511\x04Samples file {path} has {found} rows, the report says {expected}':
        '样本文件 {path} 有 {found} 行，报告声明为 {expected} 行',
    'RF512\x04Samples file line {row}: {detail}':
        '样本文件第 {row} 行：{detail_zh}',
    'RF513\x04Digest {digest} looks like a placeholder, not a real hash':
        '摘要 {digest} 看似占位符，而非真实的哈希值',
    'RF514\x04Sample "{id}" (epoch {epoch}) appears more than once':
        '样本 "{id}"（第 {epoch} 轮）重复出现',
    'RF515\x04Uncertainty is given but n (the number of samples) is not':
        '给出了不确定性，但未给出样本数 n',
    'RF516\x04Standard error {se} is larger than any proportion in [0, 1] can have (0.5)':
        '标准误 {se} 大于 [0, 1] 区间内比例所能取的最大值（0.5）',
    'RF517\x04Finding cites sample "{id}", which is not among the evaluation\'s samples':
        '评估发现引用的样本 "{id}" 不在本次评估的样本之中',
    "RF518\x04Samples file path {path} leaves the report's folder":
        '样本文件路径 {path} 指向报告所在目录之外',
    'RF519\x04Value is not a finite number':
        '取值不是有限数值',
    'RF520\x04{more} more {capped} finding(s) in this file not listed (at most {limit} per code; change it with --max-findings-per-code or RISKFMT_MAX_FINDINGS_PER_CODE, 0 for no limit)':
        '此文件另有 {more} 项 {capped} 未列出（每个编号最多列出 {limit} 项；可用 --max-findings-per-code 或 RISKFMT_MAX_FINDINGS_PER_CODE 调整，0 表示不限）',
    'RF601\x04{field} ({tool}) has no place in a riskfmt report and was not carried over{why}':
        '{field}（{tool}）在 riskfmt 报告中没有对应字段，未予保留{why_zh}',
    'RF602\x04Task "{task}" maps to no risk concept; recorded as R0000 (general capability). Map it with --task-map':
        '任务 "{task}" 未映射到任何风险概念，已记为 R0000（通用能力）。可用 --task-map 指定映射',
    'RF603\x04The source run\'s status is "{status}"; its results are partial':
        '源评估运行的状态为 "{status}"，其结果不完整',
    'RF604\x04{count} sample(s) were invalidated by the producer; the run is marked invalidated':
        '评测工具将 {count} 个样本标记为无效，本次运行记为 invalidated（结果作废）',
    'RF605\x04Cannot tell which tool produced {path}; name it with --from ({known})':
        '无法判断 {path} 由哪个工具生成，请用 --from 指定（{known}）',
    'RF606\x04Refused archive member {member}: {reason}':
        '已拒绝归档成员 {member}：{reason_zh}',
    'RF607\x04Cannot read {path} as {tool} output: {detail}':
        '无法将 {path} 作为 {tool} 的输出读取：{detail}',
    'RF608\x04{field} was derived: {how}':
        '{field} 为推算值：{how_zh}',
    'RF609\x04{field} is not recorded by {tool}; set to "{value}"{hint}':
        '{tool} 未记录 {field}，已设为 "{value}"{hint_zh}',
    'RF610\x04{tool} records no standard error for {metric}{why}':
        '{tool} 未记录 {metric} 的标准误{why_zh}',
    'RF620\x04{path} uses the {layout} layout of {tool}; converted, but {gap}':
        '{path} 采用 {tool} 的 {layout} 旧版格式；已转换，但{gap_zh}',
    'RF621\x04{path}: no {tool} result has a usable value ({detail}); no report was written':
        '{path}：{tool} 的结果中没有可用数值（{detail}），未生成报告',
    'RF640\x04{folder} holds pairwise (compare-mode) judgements of {model_a} against {model_b} by {judge}: not converted, because {why}; {model_a} and {model_b} are not marked failed for it':
        '{folder} 是 {judge} 对 {model_a} 与 {model_b} 的两两比较（对战模式）评判结果：未转换，原因是{why_zh}；{model_a} 与 {model_b} 不因此被标记为失败',
    'RF641\x04{folder} holds judged results, but "{prefix}" is neither one model of the run nor two joined by "_": not converted (the models it belongs to are unknown)':
        '{folder} 是评判结果，但 "{prefix}" 既不是本次运行中的某个模型，也不是以 "_" 连接的两个模型：未转换（无法确定其所属模型）',
    'RF642\x04{path}: resolving its name references would build more than {limit} values (each reference copies the value it names); the config was not read':
        '{path}：解析其中的名称引用将生成超过 {limit} 个值（每次引用都会复制所引用的值）；未读取该配置',
    'RF643\x04Incident {incident}: the source gives no date, and riskfmt never invents one; not converted. Convert it together with its AI Incident Database record (which has the date)':
        '事件 {incident}：来源未给出日期，riskfmt 不会编造日期；未转换。请与该事件的 AI 事件数据库记录（含日期）一并转换',
    'RF645\x04Incident {incident}: CSET harm types ({values}) not carried as harms; vocabulary {version} has no CSET crosswalk (it was added in vocabulary 1.1)':
        '事件 {incident}：CSET 危害类型（{values}）未转为危害条目；词表 {version} 没有 CSET 对照表（词表 1.1 起提供）',
    'RF646\x04Incident {incident}: {field} "{value}" carried as a harm of {risks} ({predicate} in the riskfmt CSET crosswalk; CSET names the consequence, riskfmt the risk)':
        '事件 {incident}：{field} "{value}" 已按 riskfmt 的 CSET 对照表（{predicate}）转为风险 {risks} 的危害条目（CSET 记录的是后果，riskfmt 记录的是风险）',
    'RF611\x04{path} was not converted: no converter recognises its content (name the tool with --from)':
        '{path} 未转换：没有转换器能识别其内容（可用 --from 指定工具）',
    'RF612\x04{path} was read together with {owner}':
        '{path} 已随 {owner} 一并读取',
    'RF613\x04The report converted from {path} fails validation ({count} error(s): {codes}); it was not written':
        '由 {path} 转换得到的报告未通过校验（{count} 个错误：{codes}），未予输出',
    'RF614\x04{path} ({tool}) holds no results{why}; there is nothing to convert':
        '{path}（{tool}）中没有任何结果{why_zh}，无可转换的内容',
    "RF615\x04{field}: the confidence interval states no confidence level; it is kept in extensions.{ext}, not as the result's uncertainty":
        '{field}：该置信区间未注明置信水平，已保留于 extensions.{ext}，未记为结果的不确定性',
    'RF900\x04Internal error while checking this file ({detail}); please report it':
        '校验此文件时发生内部错误（{detail}），请报告此问题',
    'RF701\x04Array of {count} numbers: weights, activations or embeddings must not travel in a report':
        '包含 {count} 个数值的数组：权重、激活值或嵌入向量不得随报告传递',
    'RF702\x04{encoding} blob of {length} characters: binary content must not travel in a report; give its digest':
        '长度为 {length} 个字符的 {encoding_zh} 数据块：二进制内容不得随报告传递，请改为给出其摘要',
    'RF703\x04Text of {length} characters looks like binary data ({share}% control or replacement characters)':
        '长度为 {length} 个字符的文本看似二进制数据（控制字符或替换字符占 {share}%）',
    'RF704\x04Reference to a weight file ({name}): identify weights by digest only (model.digests)':
        '引用了权重文件（{name}）：权重只能通过摘要标识（model.digests）',
    'RF705\x04Looks like {what}: secrets must never be in a report':
        '疑似{what_zh}：报告中绝不能包含密钥或凭据',
    'RF706\x04{kind} is declared withheld (disclosure.withholds) but present here':
        '{kind_zh}已声明为隐去（disclosure.withholds），但此处仍然存在',
    'RF707\x04Withheld item of kind {kind} is not declared in disclosure.withholds':
        '类型为 {kind} 的隐去条目未在 disclosure.withholds 中声明',
    'RF708\x04{count} more {other} findings in this document are not shown':
        '本文档中另有 {count} 条 {other} 发现未显示',
    'RF714\x04{count} numbers in {places} free places (extensions, free settings, numbers written as text, numeric arrays), most of them here: together they can carry weights, activations or embeddings':
        '{places} 处自由字段（扩展数据、自由设置、以文本书写的数值、数值数组）合计包含 {count} 个数值，以此处最多：合起来足以携带权重、激活值或嵌入向量',
    'RF715\x04{length} characters of encoded data in {places} places, most of them here: pieces that together can carry binary content, weights or keys':
        '{places} 处合计 {length} 个字符的编码数据，以此处最多：这些片段合起来足以携带二进制内容、权重或密钥',
    'RF716\x04{name} is named as a secret and holds a value: credentials must never be in a report, not even in parts':
        '{name} 按名称是密钥或凭据且有取值：报告中绝不能包含凭据，哪怕只是其中一部分',
    "RF710\x04Parts marked TLP:{label} are weaker than the document's TLP:{document}; a part never carries a weaker label":
        '部分内容标记为 TLP:{label}，弱于文档的 TLP:{document}；部分内容的标记不得弱于整个文档',
    'RF711\x04Marking selector {selector} selects nothing in this document':
        '标记选择器 {selector} 在本文档中未选中任何内容',
    "RF712\x04Marking lowered from TLP:{before} to TLP:{after} at {where}, at the owner's explicit request":
        '应所有者的明确要求，{where_zh} 的标记已由 TLP:{before} 降为 TLP:{after}',
    'RF713\x04Marking of {where} would be weakened from TLP:{before} to TLP:{after}':
        '{where_zh} 的标记将由 TLP:{before} 被削弱为 TLP:{after}',
    'RF750\x04An identifier of {length} characters reads as text while sample content is withheld: identifiers must not carry withheld content':
        '样本内容已隐去，但此处长度为 {length} 个字符的标识符读来像正文：标识符不得携带被隐去的内容',
    'RF751\x04This text has the digest of withheld sample content ({where}): withheld content must not be copied elsewhere':
        '此处文本的摘要与被隐去的样本内容（{where}）一致：被隐去的内容不得复制到其他位置',
    'RF720\x04No signature in the envelope verifies with key {keyid}':
        '信封中没有任何签名能用密钥 {keyid} 验证通过',
    "RF721\x04The document's canonical {algorithm} digest {found} differs from the signed {expected}: its content changed after signing":
        '文档的规范化 {algorithm} 摘要 {found} 与签名中的 {expected} 不一致：签名后内容已被修改',
    'RF722\x04The signed subject is "{found}", expected "{expected}"':
        '签名中的主体为 "{found}"，应为 "{expected}"',
    'RF723\x04Not a usable DSSE envelope: {detail}':
        '不是可用的 DSSE 信封：{detail_zh}',
    'RF724\x04The signed in-toto statement is not a canonical-JSON signature: {detail}':
        '签名的 in-toto 声明不是规范化 JSON 签名：{detail_zh}',
    'RF725\x04Cannot use the key file {path}: {detail}':
        '无法使用密钥文件 {path}：{detail_zh}',
    'RF726\x04The document has no RFC 8785 canonical form: {detail}':
        '该文档无法转换为 RFC 8785 规范形式：{detail_zh}',
    'RF727\x04Private key file {path} can be read by other users (mode {mode}); make it owner-only (chmod 600)':
        '私钥文件 {path} 可被其他用户读取（权限 {mode}），请设为仅所有者可读（chmod 600）',
    'RF729\x04Refusing to write {path}: {reason}':
        '拒绝写入 {path}：{reason_zh}',
    'RF730\x04{where} differs between the original and the redacted copy and is not a withheld item':
        '{where_zh} 在原文档与隐去版本之间不一致，且不是隐去条目',
    'RF731\x04Withheld item {where}: its salted digest does not match the original content':
        '隐去条目 {where}：加盐摘要与原文档内容不符',
    'RF732\x04Withheld item {where} has no content in the original':
        '隐去条目 {where} 在原文档中没有对应内容',
    'RF733\x04The salts file has no salt for the withheld item {where}':
        '盐值文件中没有隐去条目 {where} 的盐值',
    "RF734\x04{count} salted digests were not checked: give the owner's salts file (--salts) to check them":
        '有 {count} 个加盐摘要未核验：请提供所有者的盐值文件（--salts）以核验',
    'RF735\x04The proof for {where} does not match the withheld record':
        '{where} 的证明与隐去记录不符',
    'RF736\x04The redacted report has no withheld item at {where}':
        '隐去版本中 {where} 处没有隐去条目',
    'RF737\x04Redaction profile {name}: {detail}':
        '隐去配置 {name}：{detail_zh}',
    'RF738\x04Cannot use the salts file {path}: {detail}':
        '无法使用盐值文件 {path}：{detail_zh}',
    'RF739\x04Marking raised from TLP:{before} to TLP:{after} at {where}':
        '{where_zh} 的标记已由 TLP:{before} 提升为 TLP:{after}',
    'RF740\x04{where} has {count} withheld records (the first is record {first}): a withheld item has exactly one record, or a proof could be checked against another one than the copy was verified with':
        '{where_zh} 有 {count} 条隐去记录（第一条为记录 {first}）：每个隐去条目只能有一条记录，否则证明可能对照另一条记录核验，而非核验副本时所用的那条',
    "RF741\x04The copy marks {where} TLP:{after}, the original TLP:{before}: a copy derived without lowering keeps at least the original's markings (if the owner lowered it on purpose, verify with --lower-marking)":
        '副本将 {where_zh} 标记为 TLP:{after}，原文档为 TLP:{before}：未经降级的派生副本至少保留原文档的标记（如系所有者有意降级，请加 --lower-marking 核验）',
    'RF742\x04Withheld record {index} is for {found}, but {expected} comes next in the original: records follow the order of the document, so every copy has one form':
        '第 {index} 条隐去记录对应 {found}，但按原文档顺序下一条应为 {expected}：隐去记录须按文档顺序排列，使每个副本只有一种形式',
    'RF743\x04The withheld record for {where} says kind {found}; in the original the item is of kind {expected}':
        '{where_zh} 的隐去记录声明类型为 {found}，而原文档中该条目的类型为 {expected}',
    'RF650\x04Placeholder not filled in: {value}':
        '占位内容尚未填写：{value}',
    'RF651\x04Unknown {scheme} "{id}" in vocabulary {version}{suggestion}':
        '词表 {version} 中没有{scheme_zh} "{id}"{suggestion_zh}',
    'RF652\x04Unknown severity scale "{scale}" (scales: {known})':
        '未知的严重程度等级体系 "{scale}"（可用：{known}）',
    'RF653\x04"{level}" is not a level of severity scale {scale} (levels: {levels})':
        '"{level}" 不是严重程度等级体系 {scale} 中的等级（可用等级：{levels}）',
    'RF654\x04Likelihoods of mutually exclusive hypotheses add up to {total}, more than 1: {hypotheses}':
        '互斥假设的可能性之和为 {total}，超过 1：{hypotheses}',
    'RF655\x04Narrower hypotheses ({narrower}) add up to {total}, more than their broader hypothesis {broader} ({likelihood})':
        '下位假设（{narrower}）的可能性之和为 {total}，大于其上位假设 {broader}（{likelihood}）',
    'RF656\x04Likelihood {likelihood} lies outside the range of "{estimate}" ({low}-{high})':
        '可能性 {likelihood} 不在“{estimate_zh}”的范围（{low}-{high}）之内',
    'RF657\x04Cause {cause} has more than one hypothesis (first at {first})':
        '原因 {cause} 有多个假设（首次出现于 {first}）',
    'RF658\x04Settled cause {cause} matches none of the hypotheses; add its hypothesis with the evidence, or set the cause to undetermined':
        '已认定的原因 {cause} 与任何假设都不对应；请补充该原因的假设及证据，或将原因设为 undetermined（原因不明）',
    'RF659\x04Settled cause {cause} ({likelihood}) is less likely than the exclusive hypothesis {other} ({other_likelihood})':
        '已认定的原因 {cause}（{likelihood}）的可能性低于与之互斥的假设 {other}（{other_likelihood}）',
    'RF660\x04Hypothesis {cause} gives no evidence for or against it':
        '假设 {cause} 未给出任何支持或反对的证据',
    'RF661\x04The incident is concluded with the cause undetermined, but no rationale says why it could not be settled':
        '事件已结案且原因不明，但未说明无法认定原因的理由',
    'RF662\x04Status near_miss contradicts event type {event}: in an incident harm occurred':
        '状态 near_miss（未遂）与事件类型 {event} 矛盾：事件意味着已发生实际损害',
    'RF663\x04Event type evaluation-finding describes a failure under test; it belongs in an evaluation report':
        '事件类型 evaluation-finding（评估发现）指测试中发现的失效，应写入评估报告而非事件报告',
    'RF664\x04{value} is not a valid calendar date or time':
        '{value} 不是有效的日期或时间',
    'RF666\x04Assessment dated {assessed} is later than the timeline entry {seq} that records it ({date})':
        '评估时间 {assessed} 晚于记录它的时间线条目 {seq}（{date}）',
    'RF667\x04Timeline entry has seq {found}, expected {expected}: entries are numbered 1, 2, 3, ... without gaps':
        '时间线条目的序号为 {found}，应为 {expected}：条目须按 1、2、3……连续编号',
    'RF668\x04Timeline entry {seq} is dated {date}, before entry {prev_seq} ({prev_date}); entries are only appended':
        '时间线条目 {seq} 的日期 {date} 早于条目 {prev_seq}（{prev_date}）；条目只能按时间顺序追加',
    'RF669\x04Timeline entry {seq} does not pin the entry before it; expected previous: {expected}':
        '时间线条目 {seq} 未固定前一条目的摘要；previous 应为 {expected}',
    'RF670\x04The first timeline entry pins a previous entry ({found}): earlier history was removed':
        '第一个时间线条目固定了前一条目的摘要（{found}）：更早的历史已被删除',
    'RF671\x04History was rewritten: entry {seq} pins {found}, but the entry before it now hashes to {expected}; entry {prev_seq} was edited or an entry was removed':
        '历史被改写：条目 {seq} 固定的摘要为 {found}，而其前一条目现在的摘要为 {expected}；条目 {prev_seq} 被修改，或有条目被删除',
    'RF672\x04The first timeline entry does not state the initial {field}':
        '第一个时间线条目未给出初始的 {field}',
    'RF673\x04Current {field} differs from the one the latest timeline entry stating it gives (entry {seq}); revise it with riskfmt incident update':
        '当前的 {field} 与最近给出该项的时间线条目（条目 {seq}）不一致；请用 riskfmt incident update 修订',
    'RF674\x04Current {field} is stated by no timeline entry':
        '当前的 {field} 未在任何时间线条目中给出',
    'RF675\x04The report links to itself ({report_id})':
        '报告链接到了自身（{report_id}）',
    'RF680\x04Timeline entry {seq} of the previous version is missing: an update never removes history':
        '上一版本的时间线条目 {seq} 缺失：更新不得删除历史',
    'RF681\x04Timeline entry {seq} differs from the previous version ({fields} changed): an update never edits history':
        '时间线条目 {seq} 与上一版本不同（{fields} 有改动）：更新不得修改历史',
    "RF682\x04report_id changed from {old} to {new}: an update keeps the report's id":
        'report_id 由 {old} 变为 {new}：更新须保留报告编号',
    'RF683\x04Not written: {reason}':
        '未写入：{reason_zh}',
    'RF845\x04{field} differs from the previous version, and no timeline entry can record that: an update only appends entries (and revises the assessment through them)':
        '{field} 与上一版本不同，而时间线条目无法记录此类改动：更新只能追加条目（并通过条目修订评估）',
    'RF846\x04The marking of {where} is TLP:{after}, lower than TLP:{before} in the previous version: a later version of a report never carries a weaker label':
        '{where_zh} 的标记为 TLP:{after}，低于上一版本的 TLP:{before}：报告的后续版本不得使用更弱的标记',
    "RF847\x04The {which} version's timeline is not a list of entries (found {found}): the two histories cannot be compared entry by entry":
        '{which_zh}版本的时间线不是条目列表（实际为 {found}）：无法逐条比较两个版本的历史',
    'RF690\x04{field} "{value}" ({origin}) has no riskfmt equivalent and was not carried over':
        '{field} "{value}"（{origin}）在 riskfmt 中没有对应项，未予保留',
    'RF691\x04No AIID incident record for incident {incident} among the inputs; converted from its classification alone':
        '输入中没有事件 {incident} 的 AIID 事件记录，仅依据其分类结果转换',
    'RF692\x04{origin} {field} "{value}" does not settle the cause; the attribution says undetermined':
        '{origin} 的 {field} "{value}" 不足以认定原因，归因记为 undetermined（原因不明）',
    'RF693\x04Classifications of incident {incident} disagree on {field}: {values}; the report follows {kept}':
        '事件 {incident} 的多个分类在 {field} 上不一致：{values}；报告采用 {kept} 的结果',
    'RF801\x04Cannot compare documents of different kinds ({kind_a} and {kind_b})':
        '无法比较不同类型的文档（{kind_a_zh}与{kind_b_zh}）',
    'RF802\x04riskfmt cannot compare documents of kind "{kind}" (comparable: {known})':
        'riskfmt 无法比较类型为 "{kind}" 的文档（可比较的类型：{known}）',
    'RF803\x04riskfmt compare takes evaluation reports; this document is a {kind}':
        'riskfmt compare 只接受评估报告；此文档的类型为 {kind}',
    'RF804\x04Samples file line {row} can no longer be read ({detail}); was the file changed during the comparison?':
        '样本文件第 {row} 行已无法读取（{detail}）；文件是否在比较过程中被修改？',
    'RF810\x04{cited} was aligned with {concepts} through the {framework} crosswalk ({predicates}), not an exact match':
        '{cited} 经 {framework} 映射表对应到 {concepts}（{predicates}），并非精确匹配',
    'RF811\x04{cited} is deprecated; it was aligned through its replacement {concept}':
        '{cited} 已弃用，已通过其替代概念 {concept} 进行对应',
    'RF812\x04Aligned on the shared risks {shared} only: {name_a} cites {risks_a}, {name_b} cites {risks_b}':
        '仅依据共同的风险 {shared} 进行对应：{name_a} 引用 {risks_a}，{name_b} 引用 {risks_b}',
    'RF813\x04{cited} has no riskfmt equivalent; it aligns only with results that cite the same code':
        '{cited} 没有对应的 riskfmt 概念，只能与引用同一编码的结果对应',
    'RF814\x04This report has {count} results for {measure}; {chosen} is shown':
        '此报告中 {measure} 有 {count} 个结果，显示的是 {chosen}',
    'RF820\x04Cannot tell whether {metric} on {risk} differs: {why}':
        '无法判断 {risk} 上的 {metric} 是否存在差异：{why_zh}',
    'RF821\x04{metric} on {risk} is recorded in {unit_a} by {name_a} and in {unit_b} by {name_b}; the values are not compared':
        '{risk} 上的 {metric}，{name_a} 的单位为 {unit_a}，{name_b} 的单位为 {unit_b}，因此不比较其取值',
    'RF822\x04{metric} on {risk}: {name_a} says {direction_a}, {name_b} says {direction_b}; neither better nor worse is given':
        '{risk} 上的 {metric}：{name_a} 标注为 {direction_a}，{name_b} 标注为 {direction_b}，因此不判断孰优孰劣',
    'RF823\x04The standard error of {result} was derived from its {level} confidence interval':
        '{result} 的标准误由其 {level} 置信区间推算得出',
    'RF824\x04Risk levels on different scales ({scale_a}, {scale_b}) cannot be compared':
        '不同等级体系（{scale_a}、{scale_b}）下的风险等级无法比较',
    'RF825\x04Evaluation {id} has status {status}; its results cover only part of the task':
        '评估 {id} 的状态为 {status}，其结果仅覆盖部分任务',
    'RF826\x04{metric} on {risk} is in percent on one side and a fraction on the other; both are shown as fractions':
        '{risk} 上的 {metric} 一方以百分数、另一方以小数记录，均已换算为小数',
    'RF830\x04The reports evaluate different models: {a} and {b}':
        '两份报告评估的是不同的模型：{a} 与 {b}',
    'RF831\x04The model digests ({subject}) differ: the weights or snapshots evaluated are not the same':
        '模型摘要（{subject}）不一致：所评估的权重或快照并不相同',
    'RF832\x04A cites vocabulary {a} and B cites {b}; risk ids were compared through vocabulary {latest}':
        'A 引用词表 {a}，B 引用词表 {b}；风险编号已按词表 {latest} 进行比较',
    'RF840\x04The samples of {task} share no sample id and no input digest; no paired comparison was made':
        '{task} 的样本既无相同的样本编号，也无相同的输入摘要，未进行配对比较',
    'RF841\x04{count} samples of {task} paired by id have different input digests: the ids may not name the same prompts':
        '{task} 中有 {count} 个按编号配对的样本输入摘要不同：相同的编号可能并不对应相同的提示词',
    'RF842\x04The samples of {task} are in different orders; {count} rows went through temporary files to keep memory bounded':
        '{task} 的样本顺序不一致；为控制内存占用，有 {count} 行经由临时文件处理',
    'RF843\x04The samples of {task} were paired by input digest: the reports share no sample id':
        '{task} 的样本按输入摘要配对：两份报告没有相同的样本编号',
    'RF844\x04{matched} samples of {task} were paired; {only_a} are only in A and {only_b} only in B':
        '{task} 有 {matched} 个样本完成配对；{only_a} 个仅见于 A，{only_b} 个仅见于 B',
    'RF901\x04Not indexed: the document has {errors} error(s); fix them and index it again':
        '未入库：该文档存在 {errors} 个错误，请修正后重新入库',
    'RF902\x04Already indexed with the same digest as report {report_id}; nothing changed':
        '报告 {report_id} 已以相同摘要入库，未作改动',
    'RF903\x04Replaced report {old_id} (indexed from {old_path}, digest {old_digest}) with this version':
        '已用此版本替换报告 {old_id}（原入库自 {old_path}，摘要 {old_digest}）',
    'RF904\x04Documents of kind "{kind}" are not indexed (indexed: evaluation-report, incident-report)':
        '类型为 "{kind}" 的文档不入库（可入库的类型：评估报告、事件报告）',
    'RF905\x04Samples file {path} can no longer be read ({detail}); the report was not indexed':
        '样本文件 {path} 已无法读取（{detail}），该报告未入库',
    'RF910\x04Cannot use the corpus store {path}: {detail}':
        '无法使用语料库存储 {path}：{detail}',
    'RF911\x04The corpus store {path} has table schema {found}; this riskfmt reads schema {expected}. Index the reports again into a new store':
        '语料库存储 {path} 的表结构版本为 {found}，而本版 riskfmt 读取的版本为 {expected}。请将报告重新入库到新的存储',
    'RF912\x04The query failed: {detail}':
        '查询失败：{detail}',
    'RF913\x04The Parquet folder {path} is not empty; give an empty or new folder':
        'Parquet 目录 {path} 非空，请指定空目录或新目录',
    "RF914\x04This needs the optional package {package}: pip install 'riskfmt[{extra}]'":
        "此功能需要可选依赖 {package}：pip install 'riskfmt[{extra}]'",
    'RF915\x04{path} is not a corpus Parquet export (no {table}/ folder)':
        '{path} 不是语料库的 Parquet 导出目录（缺少 {table}/ 子目录）',
    '--format html is the coverage heatmap: only riskfmt corpus coverage draws it':
        '--format html 用于输出覆盖热力图，仅 riskfmt corpus coverage 支持',
    'label\x04Coverage of risk concepts by model':
        '各模型的风险概念覆盖情况',
    "label\x04Each cell counts the results, findings and incidents on a model that cite a risk concept under the column's top concept (rolled up the hierarchy). Darker cells hold more; the number is always written. Rows marked stricter than {max_tlp} are left out.":
        '每个单元格统计某一模型的评估结果、定性发现和事件中，引用了该列顶层概念之下任一风险概念的条目数（沿层级向上汇总）。颜色越深数量越多，数字始终标出。标记严于 {max_tlp} 的行不计入。',
    'label\x04Models (rows) by top risk concepts (columns): items that test each concept':
        '模型（行）× 顶层风险概念（列）：检验各概念的条目数',
    'label\x04Marking':
        '标记',
    'label\x04Total':
        '合计',
    'label\x04not tested':
        '未检验',
    'label\x04The corpus holds no result, finding or incident that cites a risk concept.':
        '语料库中没有引用任何风险概念的评估结果、定性发现或事件。',
    'label\x04Drawn by riskfmt {version} from the corpus {source}. This page loads nothing from the network.':
        '由 riskfmt {version} 根据语料库 {source} 生成。本页面不从网络加载任何内容。',
}
