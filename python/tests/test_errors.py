"""Errors: input problems raise drilltwin.InputError with the place and the command line's text."""
import pytest

import drilltwin

BAD = """name: bad
run: {replications: 3, seed: 1}
incidents:
  arrivals: {rate_per_hour: 12}
  service_time: {dist: exponential, mean: 15 min}
staff: {cuont: 3}
"""


def test_an_input_error_carries_its_place_and_the_cli_text(tmp_path, cli):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    with pytest.raises(drilltwin.InputError) as info:
        drilltwin.run(path)
    e = info.value
    assert isinstance(e, ValueError)
    # Two errors on line 6, "staff: {cuont: 3}": the mapping (its brace, column 8) lacks `count`,
    # and `cuont` (column 9) is no key of staff. The first one is the exception's place.
    assert (e.file, e.line, e.column) == (str(path), 6, 8)
    assert e.message == "missing required key 'count' in 'staff'"
    assert [d[:4] for d in e.diagnostics] == [(str(path), 6, 8, "error"), (str(path), 6, 9, "error")]
    assert "did you mean 'count'" in e.diagnostics[1][4]
    r = cli("run", path, "--out", tmp_path / "o", check=False)
    assert r.returncode == 2
    assert str(e) == r.stderr.rstrip("\n")  # the same text the command line prints
    assert str(e).endswith("2 errors; nothing was run.")


def test_a_single_error_has_its_column(tmp_path):
    path = tmp_path / "one.yaml"
    path.write_text(BAD.replace("staff: {cuont: 3}", "staff: {count: 3, cuont: 3}"))
    with pytest.raises(drilltwin.InputError) as info:
        drilltwin.validate(path)
    assert (info.value.line, info.value.column) == (6, 19)  # "cuont" after "staff: {count: 3, "
    assert str(info.value) == f"{path}:6:19: error: unknown key 'cuont' in 'staff' (did you mean 'count'?)"


def test_every_job_raises_input_errors(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    for call in (lambda: drilltwin.validate(path),
                 lambda: drilltwin.compare(path, "staff.count=2,3"),
                 lambda: drilltwin.sweep(path, out=tmp_path / "s")):
        with pytest.raises(drilltwin.InputError) as info:
            call()
        assert (info.value.file, info.value.line, info.value.column) == (str(path), 6, 8)
    # optimize needs an optimize: section first of all: the file as a whole, at 1:1.
    with pytest.raises(drilltwin.InputError) as info:
        drilltwin.optimize(path, out=tmp_path / "p")
    assert (info.value.line, info.value.column) == (1, 1) and "optimize" in info.value.message
    assert not (tmp_path / "s").exists() and not (tmp_path / "p").exists()  # nothing was written


def test_a_bad_override_is_reported_at_the_override(scenario):
    with pytest.raises(drilltwin.InputError) as info:
        drilltwin.run(scenario("desk_mmc.yaml"), replications=2, set={"staff.count": -1})
    assert info.value.file == "--set"
    assert "staff.count" in str(info.value)


def test_a_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(drilltwin.InputError) as info:
        drilltwin.run(tmp_path / "nope.yaml")
    assert info.value.file == str(tmp_path / "nope.yaml")


def test_errors_in_chinese(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text(BAD)
    drilltwin.set_language("zh-CN")
    try:
        with pytest.raises(drilltwin.InputError) as info:
            drilltwin.validate(path)
        assert "错误" in str(info.value)
    finally:
        drilltwin.set_language("en")
    with pytest.raises(ValueError):
        drilltwin.set_language("fr")


def test_a_sweep_refuses_to_overwrite_its_results(scenario, tmp_path):
    drilltwin.sweep(scenario("staffing_sweep.yaml"), out=tmp_path / "s", replications=1)
    with pytest.raises(drilltwin.JobError) as info:
        drilltwin.sweep(scenario("staffing_sweep.yaml"), out=tmp_path / "s", replications=1)
    assert "resume" in str(info.value)


def test_a_file_that_is_not_a_trace_is_a_trace_error(tmp_path):
    path = tmp_path / "x.bin"
    path.write_bytes(b"not a trace at all")
    with pytest.raises(drilltwin.TraceError):
        drilltwin.read_trace(path)
    with pytest.raises(drilltwin.TraceError):
        drilltwin.read_trace(tmp_path / "missing.bin")


def test_the_modules_phrases_have_chinese_with_the_same_placeholders():
    import re
    phrases = [p for p in drilltwin._drilltwin._phrases() if "module.cpp" in p[0]]
    assert len(phrases) >= 6
    for pid, en, zh in phrases:
        assert re.search(r"[\u4e00-\u9fff]", zh), pid
        placeholders = lambda s: re.findall(r"\{[^{}]*\}", s.replace("{{", "").replace("}}", ""))
        assert placeholders(en) == placeholders(zh), pid


def test_the_packages_own_errors_speak_the_language(tmp_path):
    with pytest.raises(FileNotFoundError) as info:
        drilltwin.read_results(tmp_path)
    assert str(info.value) == f"{tmp_path}: no summary.json, replications.csv or results.sqlite: not a results directory of drilltwin"
    drilltwin.set_language("zh-CN")
    try:
        with pytest.raises(ValueError) as info:
            drilltwin.compare("x.yaml", {"a": [1, 2], "b": [3]})
        assert "只能有一个键" in str(info.value) and "2 个键" in str(info.value)
    finally:
        drilltwin.set_language("en")
