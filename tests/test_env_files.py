"""pyproject.toml and environment.yml list the same runtime packages."""
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _split(requirement: str) -> tuple[str, str]:
    m = re.match(r"^\s*([A-Za-z0-9_.\-]+)\s*(.*)$", requirement)
    return m.group(1).lower().replace("_", "-"), m.group(2).replace(" ", "")


def _environment_yml() -> tuple[dict, list]:
    conda, pip, in_pip, section = {}, [], False, None
    for line in (ROOT / "environment.yml").read_text().splitlines():
        stripped = line.split("#")[0].rstrip()
        top = re.match(r"^([a-z_]+):", stripped)
        if top:
            section = top.group(1)
            continue
        if section != "dependencies":
            continue
        if re.match(r"^\s*-\s*pip:\s*$", stripped):
            in_pip = True
            continue
        m = re.match(r"^(\s*)-\s+(.+)$", stripped)
        if not m:
            continue
        if in_pip and len(m.group(1)) > 4:
            pip.append(m.group(2).strip())
        else:
            in_pip = False
            name, spec = _split(m.group(2))
            conda[name] = spec
    return conda, pip


def test_runtime_packages_agree():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    wanted = dict(_split(r) for r in project["dependencies"])
    conda, _ = _environment_yml()
    conda.pop("python", None)
    conda.pop("pip", None)
    assert conda == wanted, (
        "environment.yml and pyproject.toml disagree: "
        f"only in environment.yml {sorted(set(conda) - set(wanted))}, "
        f"only in pyproject.toml {sorted(set(wanted) - set(conda))}, "
        f"different versions {[k for k in wanted if k in conda and conda[k] != wanted[k]]}")


def test_environment_installs_the_course_with_pip():
    _, pip = _environment_yml()
    assert any(re.match(r"^-e\s+\.(\[.*\])?$", p) for p in pip), pip


def test_python_requirement_agrees():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    text = (ROOT / "environment.yml").read_text()
    assert f"python{project['requires-python']}" in text.replace(" ", "")
