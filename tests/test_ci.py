"""The pre-commit hook definition and the CI documentation: they parse, name
what pre-commit and GitHub need, and the commands they run work."""
from __future__ import annotations

import json
import re
import shlex


from workflow import CORPUS, REPORT_002, ROOT, copy, govlint

HOOKS = ROOT / ".pre-commit-hooks.yaml"
ACTIONS_DOC = ROOT / "docs" / "github-actions.md"
README = ROOT / "README.md"

try:
    import yaml
except ImportError:  # PyYAML is not a test dependency
    yaml = None


def minimal_hooks(text: str) -> list[dict]:
    """A reader for the flat list-of-mappings subset a hooks file uses."""
    hooks: list[dict] = []
    for raw in text.splitlines():
        line = raw.split(" #", 1)[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        match = re.match(r"^(- |  )([a-z_]+):\s*(.*)$", line)
        assert match, raw
        if match[1] == "- ":
            hooks.append({})
        value = match[3]
        if value.startswith("[") and value.endswith("]"):
            value = [item.strip() for item in value[1:-1].split(",") if item.strip()]
        hooks[-1][match[2]] = value
    return hooks


def load_hooks() -> list[dict]:
    text = HOOKS.read_text(encoding="utf-8")
    return yaml.safe_load(text) if yaml is not None else minimal_hooks(text)


def test_pre_commit_hook_definition():
    hooks = load_hooks()
    assert isinstance(hooks, list) and len(hooks) >= 1
    hook = next(h for h in hooks if h["id"] == "govlint")
    for key in ("id", "name", "entry", "language"):          # required by pre-commit
        assert isinstance(hook[key], str) and hook[key], key
    assert hook["entry"] == "govlint"
    assert hook["language"] == "python"
    assert "types" not in hook            # types: [text] would pass over .docx and PDF reports
    assert hook["files"] == r"\.(txt|docx|pdf|html?)$"
    assert hook["files"] in README.read_text(encoding="utf-8")        # the same as the README's local hook
    # The minimal reader agrees with PyYAML on this file.
    assert minimal_hooks(HOOKS.read_text(encoding="utf-8"))[0] == hook


def test_pre_commit_entry_is_the_installed_console_script():
    """language: python installs this repository; `entry` must be a script it declares."""
    try:
        import tomllib
    except ModuleNotFoundError:  # Python 3.10
        import tomli as tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"][load_hooks()[0]["entry"]] == "govlint.launch:main"


def test_hook_files_pattern_selects_reports():
    pattern = re.compile(load_hooks()[0]["files"])
    assert all(pattern.search(f"reports/{p.name}") for p in CORPUS.glob("*.txt"))
    assert all(pattern.search(f"reports/2024{suffix}") for suffix in (".docx", ".pdf", ".html", ".htm"))
    assert not any(pattern.search(name) for name in ("corpus/000.expected", "corpus/000.cells.tsv",
                                                     "notes.txt.bak", "README.md"))


def test_hook_runs_like_pre_commit_runs_it(tmp_path):
    """pre-commit runs `entry args… file…` in the repository root."""
    hook = load_hooks()[0]
    entry = shlex.split(hook["entry"])
    assert entry == ["govlint"]
    bad = copy(REPORT_002, tmp_path / "reports")
    run = govlint(*entry[1:], *hook.get("args", []), "reports/" + bad.name, cwd=tmp_path)
    assert run.code == 1 and f"reports/{bad.name}:68:2: A001" in run.out
    # With args: [--fix] the safe fix is written, so pre-commit sees a modified file.
    fixed = govlint(*entry[1:], "--fix", "reports/" + bad.name, cwd=tmp_path)
    assert "[bookmark: _GoBack]" not in bad.read_text(encoding="utf-8")
    assert fixed.code == 1          # the unsafe S005 findings still fail the hook


# ------------------------------------------------------------------ docs

def workflow_blocks() -> list[str]:
    text = ACTIONS_DOC.read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.S)


def govlint_commands(block: str) -> list[str]:
    return [m.strip() for m in re.findall(r"^\s*run: (govlint .*)$", block, flags=re.M)]


def test_actions_doc_has_a_sarif_and_an_annotations_workflow():
    blocks = workflow_blocks()
    assert len(blocks) == 2
    sarif, annotations = blocks
    assert "uses: github/codeql-action/upload-sarif@" in sarif
    assert "security-events: write" in sarif
    assert govlint_commands(sarif) == ["govlint --format sarif -o govlint.sarif reports/"]
    assert re.search(r"sarif_file: govlint\.sarif$", sarif, flags=re.M)
    assert govlint_commands(annotations) == ["govlint --format github reports/"]
    for block in blocks:        # govlint installed from a path in the reports repository
        assert re.search(r"^\s*- run: pip install \./tools/govlint$", block, flags=re.M)
        assert re.search(r"uses: actions/checkout@v4\n\s+with:\n\s+submodules: true", block)
    if yaml is not None:
        for block in blocks:
            workflow = yaml.safe_load(block)
            steps = workflow["jobs"]["govlint"]["steps"]
            assert steps[0]["uses"].startswith("actions/checkout@")
            assert any(s.get("run", "").startswith("govlint ") for s in steps)
        upload = yaml.safe_load(sarif)["jobs"]["govlint"]["steps"][-1]
        assert upload["uses"].startswith("github/codeql-action/upload-sarif@")
        assert upload["with"]["sarif_file"] == "govlint.sarif"
        assert "cancelled()" in upload["if"]


def test_actions_doc_install_step_installs_govlint_from_the_path(tmp_path):
    """`pip install ./tools/govlint` in a reports repository whose
    tools/govlint is a clone of this repository (what checkout with
    submodules: true leaves there): pip finds and builds govlint."""
    import subprocess
    import sys

    (tmp_path / "tools").mkdir()
    subprocess.run(["git", "clone", "-q", str(ROOT), str(tmp_path / "tools" / "govlint")], check=True, timeout=120)
    (command,) = {line.strip()[len("- run: "):] for block in workflow_blocks() for line in block.splitlines()
                  if line.strip().startswith("- run: pip install")}
    args = shlex.split(command)[2:]
    run = subprocess.run([sys.executable, "-m", "pip", "install", "--dry-run", "--no-deps", *args], cwd=tmp_path,
                         capture_output=True, timeout=300)
    assert run.returncode == 0, run.stderr.decode("utf-8", "replace")[-2000:]
    assert "Would install govlint-" in run.stdout.decode("utf-8", "replace")


def test_actions_doc_commands_work(tmp_path):
    """Run the documented govlint commands on a small reports repository."""
    copy(REPORT_002, tmp_path / "reports")
    copy(CORPUS / "000_9bdf9f4d497d5703.txt", tmp_path / "reports")
    sarif_block, annotations_block = workflow_blocks()
    (command,) = govlint_commands(sarif_block)
    run = govlint(*shlex.split(command)[1:], cwd=tmp_path)
    assert run.code == 1 and run.out == ""
    document = json.loads((tmp_path / "govlint.sarif").read_text(encoding="utf-8"))
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in document["runs"][0]["results"]}
    assert uris == {f"reports/{REPORT_002.name}", "reports/000_9bdf9f4d497d5703.txt"}   # relative to the root
    (command,) = govlint_commands(annotations_block)
    run = govlint(*shlex.split(command)[1:], cwd=tmp_path, env={"GITHUB_ACTIONS": "true"})
    assert run.code == 1
    assert run.out.splitlines() and all(line.startswith(("::warning ", "::error ", "::notice "))
                                        for line in run.out.splitlines())
    assert run.out == govlint("reports/", cwd=tmp_path, env={"GITHUB_ACTIONS": "true"}).out


def readme_pre_commit_config() -> str:
    text = README.read_text(encoding="utf-8")
    section = text.split("## Pre-commit and CI\n", 1)[1].split("\n## ", 1)[0]
    (block,) = re.findall(r"```yaml\n(.*?)```", section, flags=re.S)
    return block


def test_no_placeholder_owner_or_missing_tag():
    """The snippets work as written: no OWNER to replace, no tag that does not exist."""
    for path in (README, ACTIONS_DOC, HOOKS):
        text = path.read_text(encoding="utf-8")
        assert "OWNER" not in text and "rev: v" not in text and "@v0.1.0" not in text, path
    assert "repo: local" in readme_pre_commit_config()


def test_readme_pre_commit_config_runs_with_pre_commit(tmp_path):
    """pre-commit itself runs the README's configuration in a reports repository."""
    import os
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    pre_commit = shutil.which("pre-commit", path=str(Path(sys.executable).parent)) or shutil.which("pre-commit")
    assert pre_commit, "pre-commit is a test dependency: pip install -e '.[test]'"
    repo = tmp_path / "reports-repo"
    copy(REPORT_002, repo / "reports")
    copy(CORPUS / "000_9bdf9f4d497d5703.txt", repo / "reports")
    (repo / ".pre-commit-config.yaml").write_text(readme_pre_commit_config(), encoding="utf-8")
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
           "PATH": os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")]),
           "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@example.org", "GIT_COMMITTER_NAME": "t",
           "GIT_COMMITTER_EMAIL": "t@example.org"}
    env.pop("GITHUB_ACTIONS", None)

    def git(*args):
        subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True, timeout=60)

    git("init", "-q")
    git("add", "-A")
    run = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, timeout=300)
    out = run.stdout.decode("utf-8", "replace")
    assert run.returncode == 1, out
    assert "govlint" in out and "Failed" in out
    assert f"reports/{REPORT_002.name}:68:2: A001" in out and "reports/000_9bdf9f4d497d5703.txt:" in out
    # a clean set of reports passes the hook
    (repo / "reports" / REPORT_002.name).unlink()
    (repo / "reports" / "000_9bdf9f4d497d5703.txt").unlink()
    (repo / "govlint.toml").write_text('select = ["missing-title"]\n', encoding="utf-8")
    copy(REPORT_002, repo / "reports", "clean.txt")
    git("add", "-A")
    run = subprocess.run([pre_commit, "run", "--all-files"], cwd=repo, env=env, capture_output=True, timeout=300)
    assert run.returncode == 0, run.stdout.decode("utf-8", "replace")
    assert "Passed" in run.stdout.decode("utf-8", "replace")


def test_readme_links_the_ci_documentation():
    text = README.read_text(encoding="utf-8")
    section = text.split("## Pre-commit and CI\n", 1)[1].split("\n## ", 1)[0]
    assert "(docs/github-actions.md)" in section and ".pre-commit-hooks.yaml" in section
    assert "id: govlint" in section
    # The first code block is the one .ci/run executes: install, lint, test.
    first = re.search(r"```sh\n(.*?)```", text, flags=re.S)[1].splitlines()
    assert first[0].startswith("python3 -m venv .venv") and first[1].endswith("pytest -q")
