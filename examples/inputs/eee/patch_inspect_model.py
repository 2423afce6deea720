"""Copy an Inspect JSON log, changing only eval.model so EEE accepts it.

every_eval_ever 0.3.0 rejects model ids without a known provider prefix
('mockllm/model' -> "Cannot determine model developer"). We prefix "hf/"; nothing else
in the log is touched. (EEE then takes model_info.id from the *sample output* model,
which stays "mockllm/model", and turns the "hf" prefix into inference_engine.name.)
Usage: python patch_inspect_model.py IN.json OUT.json [NEW_MODEL]"""
import json
import sys

src, dst = sys.argv[1], sys.argv[2]
new_model = sys.argv[3] if len(sys.argv) > 3 else "hf/demo-org/tiny-mock"
with open(src) as f:
    log = json.load(f)
log["eval"]["model"] = new_model
with open(dst, "w") as f:
    json.dump(log, f)
