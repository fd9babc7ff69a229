"""The command line: a thin layer over the engine and the reporters."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import click
import yaml

from . import __version__
from .config import describe, effective_config, load_config_file
from .engine import Config, FileResult, check_markdown_text, expand_paths
from .errors import INTERNAL_ERROR_EXIT, BrieflintError, ConfigError, internal_error_message
from .fileio import atomic_write
from .languagetool import LanguageToolSettings
from .model import Severity
from .report import REPORTERS
from .rules import all_rules, rule_by_code
from .rules.selectors import check_selectors, did_you_mean
from .runner import default_cache_dir, default_jobs, run
from .schema import load_schema


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _fail(message: str) -> None:
    click.echo(f"brieflint: {message}", err=True)


debug_option = click.option(
    "--debug",
    is_flag=True,
    help="Show the traceback of an internal error (also: BRIEFLINT_DEBUG=1).",
)


def _debugging(flag: bool) -> bool:
    return flag or bool(os.environ.get("BRIEFLINT_DEBUG"))


def _internal(path: str, exc: BaseException, debug: bool) -> None:
    """One line for an unexpected error in one file; the traceback only when debugging."""
    import traceback

    _fail(f"{path}: {internal_error_message(exc)}")
    if _debugging(debug):
        click.echo("".join(traceback.format_exception(exc)), err=True, nl=False)


config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(dir_okay=False),
    help="Configuration file (default: .brieflint.yaml found upward, or [tool.brieflint] in pyproject.toml).",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["ar", "en"]),
    default=None,
    help="Language of messages (default: the configuration's, else ar).",
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="brieflint")
def main() -> None:
    """Lint, fix and typeset Arabic policy briefs (تقدير موقف) in Markdown and Word."""
    from .limits import install_cpu_limit_handler

    install_cpu_limit_handler()


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(sorted(REPORTERS)),
    default="text",
    show_default=True,
)
@click.option(
    "--schema", help="Brief kind (situation-assessment, policy-paper) or a schema YAML file."
)
@click.option(
    "--select",
    multiple=True,
    help="Only these rules: code, dotted name, family, category, code prefix (BL-AR) or glob "
    "(orthography.*); comma-separated, any case.",
)
@click.option(
    "--ignore",
    multiple=True,
    help="Skip these rules: code, dotted name, family, category, code prefix or glob.",
)
@click.option("--strict", is_flag=True, help="Warnings also make the exit code 1.")
@lang_option
@click.option(
    "--output-file",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report here instead of stdout.",
)
@click.option(
    "--color/--no-color", default=None, help="Colour the text report (default: only on a terminal)."
)
@click.option(
    "--languagetool",
    "lt_server",
    metavar="URL|local",
    help="Add LanguageTool's findings from this server.",
)
@click.option(
    "--languagetool-required",
    "lt_required",
    is_flag=True,
    help="An unavailable LanguageTool server is an error (exit 2) instead of an incomplete check (exit 3).",
)
@click.option("--languagetool-timeout", "lt_timeout", type=float, default=60.0, show_default=True)
@click.option(
    "--languagetool-disable",
    "lt_disabled",
    multiple=True,
    help="LanguageTool rules to disable (replaces the shipped list).",
)
@config_option
@click.option(
    "--warn-unused-ignores",
    is_flag=True,
    help="Report brieflint-disable directives that suppress nothing.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Parallel processes (default: the CPU count).",
)
@click.option(
    "--cache",
    "use_cache",
    is_flag=True,
    help="Reuse results of unchanged files (kept in $XDG_CACHE_HOME/brieflint, default "
    "~/.cache/brieflint).",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    default=None,
    help="Keep the cache here instead (implies --cache).",
)
@debug_option
def check(
    paths,
    output_format,
    schema,
    select,
    ignore,
    strict,
    lang,
    output_file,
    color,
    lt_server,
    lt_required,
    lt_timeout,
    lt_disabled,
    config_file,
    warn_unused_ignores,
    jobs,
    use_cache,
    cache_dir,
    debug,
) -> None:
    """Check drafts (.md, .markdown, .txt, .docx) or folders of drafts; '-' reads Markdown from stdin."""
    overrides: dict = {}
    if schema:
        overrides["schema"] = schema
    if select:
        overrides["select"] = _split(select)
    if lang:
        overrides["lang"] = lang
    if warn_unused_ignores:
        overrides["warn_unused_ignores"] = True
    if lt_server:
        overrides["languagetool"] = LanguageToolSettings(
            server=lt_server,
            disabled_rules=_split(lt_disabled) if lt_disabled else None,
            timeout=lt_timeout,
            required=lt_required,
        )
    explicit = Path(config_file) if config_file else None
    try:
        check_selectors(_split(select), "--select")
        check_selectors(_split(ignore), "--ignore")
        if schema:
            load_schema(schema)
        if explicit:
            load_config_file(explicit.resolve())
        results = list(
            _check(
                paths,
                explicit,
                overrides,
                _split(ignore),
                jobs or default_jobs(),
                Path(cache_dir) if cache_dir else default_cache_dir() if use_cache else None,
            )
        )
    except BrieflintError as exc:
        _fail(str(exc))
        sys.exit(2)
    for result in results:
        if result.error:
            _fail(f"{result.path}: {result.error}")
            if result.internal and _debugging(debug):
                click.echo(result.traceback, err=True, nl=False)
    for reason in dict.fromkeys(r.incomplete for r in results if r.incomplete):
        _fail(f"check incomplete: {reason}")
    lang = lang or next((r.lang for r in results if r.lang), "ar")
    colour = color if color is not None else (output_file is None and sys.stdout.isatty())
    report = REPORTERS[output_format](results, {"lang": lang, "colour": colour})
    if output_file:
        atomic_write(output_file, report)
    else:
        click.echo(report, nl=False)
    sys.exit(exit_code(results, strict))


def _config_for(
    draft: str, explicit: Path | None, overrides: dict, ignore: tuple[str, ...]
) -> Config:
    config, _ = effective_config(Config(), draft, explicit, overrides)
    if ignore:
        config = replace(config, ignore=tuple(dict.fromkeys([*config.ignore, *ignore])))
    return config


def _check(
    paths,
    explicit: Path | None,
    overrides: dict,
    ignore: tuple[str, ...],
    jobs: int,
    cache_dir: Path | None,
):
    """Results in the order the paths were named: stdin and unreadable paths in place, the
    drafts checked together (in parallel processes when there are several)."""
    planned: list[FileResult | tuple[str, Config]] = []
    for path in paths:
        if path == "-":
            config = _config_for(str(Path.cwd() / "stdin.md"), explicit, overrides, ignore)
            planned.append(_with_lang(check_markdown_text(sys.stdin.buffer.read(), config), config))
            continue
        for draft, error in expand_paths([path]):
            if error:
                planned.append(FileResult(path=draft, error=error))
                continue
            try:
                planned.append((draft, _config_for(draft, explicit, overrides, ignore)))
            except ConfigError as exc:
                planned.append(FileResult(path=draft, error=str(exc)))
    items = [p for p in planned if isinstance(p, tuple)]
    checked = iter(run(items, jobs=jobs, cache_dir=cache_dir))
    for entry in planned:
        if isinstance(entry, tuple):
            yield _with_lang(next(checked), entry[1])
        else:
            yield entry


def _with_lang(result: FileResult, config: Config) -> FileResult:
    result.lang = config.lang
    return result


def exit_code(results: list[FileResult], strict: bool) -> int:
    """0 clean, 1 findings, 2 unreadable input or usage, 3 an optional check could not run,
    4 an internal error (a bug, or input nobody foresaw) in at least one file."""
    if any(r.internal for r in results):
        return INTERNAL_ERROR_EXIT
    if any(r.error for r in results):
        return 2
    if any(r.incomplete for r in results):
        return 3
    failing = {Severity.ERROR, Severity.WARNING} if strict else {Severity.ERROR}
    return 1 if any(p.severity in failing for r in results for p in r.problems) else 0


@main.command("build")
@click.argument("source")
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The .docx to write."
)
@click.option(
    "--style", help="House style: a shipped name (house-style, house-style-compact) or a YAML file."
)
@click.option("--force", is_flag=True, help="Write even when the draft has errors.")
@click.option("--pdf", is_flag=True, help="Also export the PDF through LibreOffice.")
@config_option
@lang_option
@debug_option
def build_command(source, output, style, force, pdf, config_file, lang, debug) -> None:
    """Write the house-style Word document for a draft (.md or .docx)."""
    from .build import LintErrors, WouldLeaveOut, build

    try:
        config, _ = effective_config(
            Config(),
            source,
            Path(config_file) if config_file else None,
            {"lang": lang} if lang else None,
        )
        result = build(source, output, style=style, config=config, force=force, pdf=pdf)
    except LintErrors as exc:
        errors = [p for p in exc.result.problems if p.severity == Severity.ERROR]
        for problem in errors:
            loc = problem.location
            click.echo(
                f"{exc.result.path}:{loc.line}:{loc.column}: {problem.rule} [error] {problem.message.get(config.lang)}",
                err=True,
            )
        _fail(str(exc))
        sys.exit(1)
    except WouldLeaveOut as exc:
        for item in exc.left_out:
            click.echo(item.line(exc.path, config.lang), err=True)
        _fail(str(exc))
        sys.exit(1)
    except BrieflintError as exc:
        _fail(str(exc))
        sys.exit(2)
    except (Exception, RecursionError, MemoryError) as exc:
        _internal(source, exc, debug)
        sys.exit(INTERNAL_ERROR_EXIT)
    for item in result.left_out:  # --force: say what the document does not hold
        click.echo(item.line(source, config.lang), err=True)
    click.echo(f"wrote {result.output}" + (f" and {result.pdf}" if result.pdf else ""))


@main.command("fix")
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--select",
    multiple=True,
    help="Only fixes of these rules: code, dotted name, family, category, prefix or glob.",
)
@click.option("--ignore", multiple=True, help="No fixes of these rules.")
@click.option(
    "--diff", "show_diff", is_flag=True, help="Print a unified diff (Markdown) and write nothing."
)
@click.option("--dry-run", is_flag=True, help="List what would change and write nothing.")
@click.option(
    "--unsafe-fixes",
    is_flag=True,
    help="Also apply fixes that depend on context the checker cannot see (review them).",
)
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="Word drafts: the fixed file (default: NAME.fixed.docx).",
)
@config_option
@lang_option
@debug_option
def fix_command(
    paths, select, ignore, show_diff, dry_run, unsafe_fixes, output, config_file, lang, debug
) -> None:
    """Apply the safe fixes (and unsafe ones on request): Markdown in place, Word drafts to a
    new file."""
    from .fixer import fix_path

    write = not (show_diff or dry_run)
    overrides: dict = {}
    if select:
        overrides["select"] = _split(select)
    if lang:
        overrides["lang"] = lang
    try:
        check_selectors(_split(select), "--select")
        check_selectors(_split(ignore), "--ignore")
    except BrieflintError as exc:
        _fail(str(exc))
        sys.exit(2)
    drafts = [d for p in paths for d in expand_paths([p])]
    if output and len(drafts) != 1:
        _fail("-o names one output: give one Word draft")
        sys.exit(2)
    status = 0
    for draft, error in drafts:
        if error:
            _fail(f"{draft}: {error}")
            status = 2
            continue
        try:
            config = _config_for(
                draft, Path(config_file) if config_file else None, overrides, _split(ignore)
            )
            report = fix_path(draft, config, output=output, write=write, unsafe=unsafe_fixes)
        except BrieflintError as exc:
            _fail(str(exc))
            status = max(status, 2)
            continue
        except (Exception, RecursionError, MemoryError) as exc:
            _internal(draft, exc, debug)
            status = INTERNAL_ERROR_EXIT
            continue
        language = lang or config.lang
        if show_diff and report.diff:
            click.echo(report.diff, nl=False)
        if dry_run or not write:
            shown = set()
            for problem in report.applied:
                if problem.fix in shown:
                    continue
                shown.add(problem.fix)
                loc = problem.location
                click.echo(
                    f"{draft}:{loc.line}:{loc.column}: {problem.rule} {_describe_fix(problem)}"
                )
        for problem, reason in report.skipped:
            loc = problem.location
            click.echo(
                f"{draft}:{loc.line}:{loc.column}: {problem.rule} not fixed: {reason}", err=True
            )
        if write:
            verb = "fixed" if report.changed else "nothing to fix in"
            target = f" → {report.output}" if report.output and report.output != draft else ""
            if language == "en":
                click.echo(f"{verb} {draft}{target}: {report.fixes} fix(es)")
            else:
                click.echo(f"{draft}{target}: طُبّق {report.fixes} تصحيح")
    sys.exit(status)


@main.command("review")
@click.argument("draft")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False),
    help="The reviewed copy (default: NAME.review.docx, or NAME.review.md).",
)
@click.option("--select", multiple=True, help="Only these rules: code, dotted name or family.")
@click.option("--ignore", multiple=True, help="Skip these rules: code, dotted name or family.")
@click.option(
    "--no-track-changes",
    is_flag=True,
    help="Comments only: suggest the safe fixes instead of making them tracked changes.",
)
@click.option(
    "--comments-only-for",
    type=click.Choice(["error", "warning", "info"]),
    default="info",
    show_default=True,
    help="Comment only on findings at this severity or above.",
)
@click.option(
    "--criticmarkup",
    is_flag=True,
    help="Markdown drafts: write the review in CriticMarkup ({~~old~>new~~}, {>>comment<<}).",
)
@config_option
@lang_option
def review_command(
    draft,
    output,
    select,
    ignore,
    no_track_changes,
    comments_only_for,
    criticmarkup,
    config_file,
    lang,
) -> None:
    """A reviewed copy of a draft: findings as comments, safe fixes as tracked changes."""
    from .review import review_docx, review_markdown

    suffix = Path(draft).suffix.lower()
    overrides: dict = {}
    if select:
        overrides["select"] = _split(select)
    if lang:
        overrides["lang"] = lang
    try:
        if suffix != ".docx" and not criticmarkup:
            raise BrieflintError(
                f"{draft}: a Markdown draft is reviewed with --criticmarkup "
                "(Word drafts get comments and tracked changes)"
            )
        config = _config_for(
            draft, Path(config_file) if config_file else None, overrides, _split(ignore)
        )
        review = review_docx if suffix == ".docx" else review_markdown
        report = review(
            draft,
            config,
            output,
            track_changes=not no_track_changes,
            comments_for=Severity(comments_only_for),
        )
    except BrieflintError as exc:
        _fail(str(exc))
        sys.exit(2)
    if (lang or config.lang) == "en":
        click.echo(
            f"wrote {report.output}: {report.comments} comment(s), "
            f"{report.changes} tracked change(s) for {report.findings} finding(s)"
        )
    else:
        click.echo(
            f"كُتبت {report.output}: {report.comments} تعليقًا و{report.changes} تعديلًا متتبَّعًا "
            f"لـ{report.findings} ملاحظة"
        )


def _describe_fix(problem) -> str:
    edits = problem.fix.edits
    if len(edits) == 1:
        return f"«{edits[0].expected}» → «{edits[0].replacement}»"
    changes = ", ".join(f"{e.expected or '∅'}→{e.replacement}" for e in edits[:6])
    more = " …" if len(edits) > 6 else ""
    return f"{len(edits)} edits: {changes}{more}"


@main.command("new")
@click.argument("kind", required=False)
@click.option(
    "-o", "--output", required=True, type=click.Path(dir_okay=False), help="The draft to write."
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
def new_command(kind, output, force) -> None:
    """Write a skeleton draft of a brief kind (default: situation-assessment)."""
    from .build import new_draft

    try:
        path = new_draft(kind, output, force=force)
    except BrieflintError as exc:
        _fail(str(exc))
        sys.exit(2)
    click.echo(f"wrote {path}")


@main.command("config")
@click.argument("path", default=".")
@config_option
def show_config(path: str, config_file: str | None) -> None:
    """Print the configuration that applies to a draft (or folder)."""
    try:
        config, found = effective_config(
            Config(),
            str(Path(path).resolve() / "_" if Path(path).is_dir() else path),
            Path(config_file) if config_file else None,
        )
    except BrieflintError as exc:
        _fail(str(exc))
        sys.exit(2)
    click.echo(
        yaml.safe_dump(describe(config, found), allow_unicode=True, sort_keys=False), nl=False
    )


@main.command("rules")
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json", "markdown"]),
    default="text",
    show_default=True,
    help="markdown: the README's rules table.",
)
def list_rules(output_format: str) -> None:
    """List every rule: code, name, family, category, default severity and whether it can fix."""
    from .rules import catalog

    render = {
        "text": catalog.text_table,
        "json": catalog.json_listing,
        "markdown": catalog.markdown_table,
    }[output_format]
    click.echo(render(), nl=False)


@main.command()
@click.argument("code")
def explain(code: str) -> None:
    """Show a rule's documentation, with a failing and a passing example."""
    from .rules import catalog

    rule = rule_by_code(code)
    if rule is None:
        _fail(
            f"no rule {code!r} ({did_you_mean(code, _explainable())}); `brieflint rules` lists them"
        )
        sys.exit(2)
    click.echo(catalog.explain(rule), nl=False)


@main.command("lsp")
@click.option("--stdio", is_flag=True, help="Talk over stdin/stdout (the default and only way).")
def lsp_command(stdio: bool) -> None:
    """Run the language server (LSP over stdio) for live checking in an editor."""
    try:
        from .lsp import main as serve
    except ImportError as exc:  # pragma: no cover - pygls is a dependency
        _fail(f"the language server needs pygls ({exc}); pip install pygls")
        sys.exit(2)
    serve()


def _explainable() -> list[str]:
    return [value for r in all_rules() for value in (r.code, r.name)]


if __name__ == "__main__":  # pragma: no cover
    main()
