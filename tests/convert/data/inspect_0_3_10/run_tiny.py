from inspect_ai import Task, eval, task
from inspect_ai.dataset import Sample
from inspect_ai.model import ModelAPI, ModelOutput, modelapi
from inspect_ai.scorer import match
from inspect_ai.solver import generate


@modelapi(name="offline")
class Offline(ModelAPI):
    # an offline model for a reproducible run: answers "4" to every prompt
    async def generate(self, input, tools, tool_choice, config):
        return ModelOutput.from_content(model=self.model_name, content="4")


@task
def tiny():
    return Task(dataset=[Sample(input=q, target=t, id=i) for i, (q, t) in
                         enumerate([("2+2?", "4"), ("1+3?", "4"), ("2+3?", "5")], start=1)],
                plan=[generate()], scorer=match(location="any"))


if __name__ == "__main__":
    eval(tiny(), model="offline/constant-4", log_dir="logs")
