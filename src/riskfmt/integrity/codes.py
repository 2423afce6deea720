"""Finding codes of disclosure and integrity (RF700-RF749), merged into ``riskfmt.codes.CODES``.

Leak codes are errors: material that must not travel is never a matter of taste. Codes are stable; a retired
code is never reused.
"""

from __future__ import annotations

from riskfmt.codes import CodeSpec
from riskfmt.findings import Severity

__all__ = ["TABLE"]

E, W, INFO = Severity.ERROR, Severity.WARNING, Severity.INFO
_C = "disclosure"

TABLE: list[CodeSpec] = [
    # ---- leaks: content that must not travel in a report (riskfmt validate) -------------------------
    CodeSpec("RF701", _C, E, "numeric-array",
             "Array of {count} numbers: weights, activations or embeddings must not travel in a report",
             "包含 {count} 个数值的数组：权重、激活值或嵌入向量不得随报告传递"),
    CodeSpec("RF702", _C, E, "encoded-blob",
             "{encoding} blob of {length} characters: binary content must not travel in a report; give its digest",
             "长度为 {length} 个字符的 {encoding_zh} 数据块：二进制内容不得随报告传递，请改为给出其摘要"),
    CodeSpec("RF703", _C, E, "binary-text",
             "Text of {length} characters looks like binary data ({share}% control or replacement characters)",
             "长度为 {length} 个字符的文本看似二进制数据（控制字符或替换字符占 {share}%）"),
    CodeSpec("RF704", _C, E, "weight-file-reference",
             "Reference to a weight file ({name}): identify weights by digest only (model.digests)",
             "引用了权重文件（{name}）：权重只能通过摘要标识（model.digests）"),
    CodeSpec("RF705", _C, E, "credential",
             "Looks like {what}: secrets must never be in a report",
             "疑似{what_zh}：报告中绝不能包含密钥或凭据"),
    CodeSpec("RF706", _C, E, "withheld-content-present",
             "{kind} is declared withheld (disclosure.withholds) but present here",
             "{kind_zh}已声明为隐去（disclosure.withholds），但此处仍然存在"),
    CodeSpec("RF707", _C, E, "withheld-kind-undeclared",
             "Withheld item of kind {kind} is not declared in disclosure.withholds",
             "类型为 {kind} 的隐去条目未在 disclosure.withholds 中声明"),
    CodeSpec("RF708", _C, INFO, "more-of-the-same",
             "{count} more {other} findings in this document are not shown",
             "本文档中另有 {count} 条 {other} 发现未显示"),
    CodeSpec("RF714", _C, E, "numeric-payload",
             "{count} numbers in {places} free places (extensions, free settings, numbers written as text, "
             "numeric arrays), most of them here: together they can carry weights, activations or embeddings",
             "{places} 处自由字段（扩展数据、自由设置、以文本书写的数值、数值数组）合计包含 {count} 个数值，"
             "以此处最多：合起来足以携带权重、激活值或嵌入向量"),
    CodeSpec("RF715", _C, E, "encoded-payload",
             "{length} characters of encoded data in {places} places, most of them here: pieces that together "
             "can carry binary content, weights or keys",
             "{places} 处合计 {length} 个字符的编码数据，以此处最多：这些片段合起来足以携带二进制内容、权重或密钥"),
    CodeSpec("RF716", _C, E, "secret-setting",
             "{name} is named as a secret and holds a value: credentials must never be in a report, "
             "not even in parts",
             "{name} 按名称是密钥或凭据且有取值：报告中绝不能包含凭据，哪怕只是其中一部分"),
    # ---- markings -----------------------------------------------------------------------------------
    CodeSpec("RF710", _C, E, "granular-marking-weaker",
             "Parts marked TLP:{label} are weaker than the document's TLP:{document}; "
             "a part never carries a weaker label",
             "部分内容标记为 TLP:{label}，弱于文档的 TLP:{document}；部分内容的标记不得弱于整个文档"),
    CodeSpec("RF711", _C, W, "selector-selects-nothing",
             "Marking selector {selector} selects nothing in this document",
             "标记选择器 {selector} 在本文档中未选中任何内容"),
    CodeSpec("RF712", _C, W, "marking-lowered",
             "Marking lowered from TLP:{before} to TLP:{after} at {where}, at the owner's explicit request",
             "应所有者的明确要求，{where_zh} 的标记已由 TLP:{before} 降为 TLP:{after}"),
    CodeSpec("RF713", _C, E, "marking-weakened",
             "Marking of {where} would be weakened from TLP:{before} to TLP:{after}",
             "{where_zh} 的标记将由 TLP:{before} 被削弱为 TLP:{after}"),
    # ---- withheld content elsewhere ---------------------------------------------------------------
    CodeSpec("RF750", _C, E, "identifier-carries-text",
             "An identifier of {length} characters reads as text while sample content is withheld: "
             "identifiers must not carry withheld content",
             "样本内容已隐去，但此处长度为 {length} 个字符的标识符读来像正文：标识符不得携带被隐去的内容"),
    CodeSpec("RF751", _C, E, "withheld-content-copied",
             "This text has the digest of withheld sample content ({where}): withheld content must not be "
             "copied elsewhere",
             "此处文本的摘要与被隐去的样本内容（{where}）一致：被隐去的内容不得复制到其他位置"),
    # ---- canonical digest, keys and signatures ----------------------------------------------------
    CodeSpec("RF720", _C, E, "signature-invalid",
             "No signature in the envelope verifies with key {keyid}",
             "信封中没有任何签名能用密钥 {keyid} 验证通过"),
    CodeSpec("RF721", _C, E, "digest-mismatch",
             "The document's canonical {algorithm} digest {found} differs from the signed {expected}: "
             "its content changed after signing",
             "文档的规范化 {algorithm} 摘要 {found} 与签名中的 {expected} 不一致：签名后内容已被修改"),
    CodeSpec("RF722", _C, E, "subject-mismatch",
             "The signed subject is \"{found}\", expected \"{expected}\"",
             "签名中的主体为 \"{found}\"，应为 \"{expected}\""),
    CodeSpec("RF723", _C, E, "envelope-malformed",
             "Not a usable DSSE envelope: {detail}",
             "不是可用的 DSSE 信封：{detail_zh}"),
    CodeSpec("RF724", _C, E, "statement-unsupported",
             "The signed in-toto statement is not a canonical-JSON signature: {detail}",
             "签名的 in-toto 声明不是规范化 JSON 签名：{detail_zh}"),
    CodeSpec("RF725", _C, E, "key-unusable",
             "Cannot use the key file {path}: {detail}",
             "无法使用密钥文件 {path}：{detail_zh}"),
    CodeSpec("RF726", _C, E, "not-canonicalizable",
             "The document has no RFC 8785 canonical form: {detail}",
             "该文档无法转换为 RFC 8785 规范形式：{detail_zh}"),
    CodeSpec("RF727", _C, W, "private-key-exposed",
             "Private key file {path} can be read by other users (mode {mode}); make it owner-only (chmod 600)",
             "私钥文件 {path} 可被其他用户读取（权限 {mode}），请设为仅所有者可读（chmod 600）"),
    CodeSpec("RF729", _C, E, "output-refused",
             "Refusing to write {path}: {reason}",
             "拒绝写入 {path}：{reason_zh}"),
    # ---- redaction --------------------------------------------------------------------------------
    CodeSpec("RF730", _C, E, "not-derived",
             "{where} differs between the original and the redacted copy and is not a withheld item",
             "{where_zh} 在原文档与隐去版本之间不一致，且不是隐去条目"),
    CodeSpec("RF731", _C, E, "withheld-digest-mismatch",
             "Withheld item {where}: its salted digest does not match the original content",
             "隐去条目 {where}：加盐摘要与原文档内容不符"),
    CodeSpec("RF732", _C, E, "withheld-without-original",
             "Withheld item {where} has no content in the original",
             "隐去条目 {where} 在原文档中没有对应内容"),
    CodeSpec("RF733", _C, E, "salt-missing",
             "The salts file has no salt for the withheld item {where}",
             "盐值文件中没有隐去条目 {where} 的盐值"),
    CodeSpec("RF734", _C, INFO, "digests-not-checked",
             "{count} salted digests were not checked: give the owner's salts file (--salts) to check them",
             "有 {count} 个加盐摘要未核验：请提供所有者的盐值文件（--salts）以核验"),
    CodeSpec("RF735", _C, E, "proof-invalid",
             "The proof for {where} does not match the withheld record",
             "{where} 的证明与隐去记录不符"),
    CodeSpec("RF736", _C, E, "no-withheld-record",
             "The redacted report has no withheld item at {where}",
             "隐去版本中 {where} 处没有隐去条目"),
    CodeSpec("RF737", _C, E, "profile-invalid",
             "Redaction profile {name}: {detail}",
             "隐去配置 {name}：{detail_zh}"),
    CodeSpec("RF738", _C, E, "salts-unusable",
             "Cannot use the salts file {path}: {detail}",
             "无法使用盐值文件 {path}：{detail_zh}"),
    CodeSpec("RF739", _C, INFO, "marking-raised",
             "Marking raised from TLP:{before} to TLP:{after} at {where}",
             "{where_zh} 的标记已由 TLP:{before} 提升为 TLP:{after}"),
    # ---- proofs must be unambiguous ----------------------------------------------------------------
    CodeSpec("RF740", _C, E, "withheld-record-duplicate",
             "{where} has {count} withheld records (the first is record {first}): a withheld item has exactly "
             "one record, or a proof could be checked against another one than the copy was verified with",
             "{where_zh} 有 {count} 条隐去记录（第一条为记录 {first}）：每个隐去条目只能有一条记录，否则证明可能对照"
             "另一条记录核验，而非核验副本时所用的那条"),
    CodeSpec("RF741", _C, E, "copy-marking-lowered",
             "The copy marks {where} TLP:{after}, the original TLP:{before}: a copy derived without lowering keeps "
             "at least the original's markings (if the owner lowered it on purpose, verify with --lower-marking)",
             "副本将 {where_zh} 标记为 TLP:{after}，原文档为 TLP:{before}：未经降级的派生副本至少保留原文档的标记"
             "（如系所有者有意降级，请加 --lower-marking 核验）"),
    CodeSpec("RF742", _C, E, "withheld-records-out-of-order",
             "Withheld record {index} is for {found}, but {expected} comes next in the original: records follow "
             "the order of the document, so every copy has one form",
             "第 {index} 条隐去记录对应 {found}，但按原文档顺序下一条应为 {expected}：隐去记录须按文档顺序排列，"
             "使每个副本只有一种形式"),
    CodeSpec("RF743", _C, E, "withheld-kind-mismatch",
             "The withheld record for {where} says kind {found}; in the original the item is of kind {expected}",
             "{where_zh} 的隐去记录声明类型为 {found}，而原文档中该条目的类型为 {expected}"),
]
