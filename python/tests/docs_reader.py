"""The pure-Python trace reader documented in docs/formats.md ("Reading it in Python"), taken from
the document itself so that the tests and the benchmark check drilltwin.read_trace against exactly
what the documentation tells people to use."""
import pathlib
import re


def documented_reader(source_dir):
    text = (pathlib.Path(source_dir) / "docs" / "formats.md").read_text(encoding="utf-8")
    section = text[text.index("### Reading it in Python"):]
    code = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    code = code[:code.index("# Example:")]  # the definitions, not the example that follows them
    namespace = {}
    exec(compile(code, "docs/formats.md", "exec"), namespace)
    return namespace["read_trace"]
