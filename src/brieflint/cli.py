"""The command line: a thin layer over the engine and the reporters."""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path

import click
import yaml

from . import __version__
from .config import describe, effective_config, load_config_file, selected_file
from .engine import Config, FileResult, check_markdown_text, expand_paths
from .errors import (
    INTERNAL_ERROR_EXIT,
    BrieflintError,
    ConfigError,
    InputError,
    internal_error_message,
)
from .fileio import atomic_write
from .messages import os_reason, translate
from .model import Severity
from .report import REPORTERS
from .rules import all_rules, rule_by_code
from .rules.selectors import check_selectors, did_you_mean
from .runner import default_cache_dir, default_jobs, run
from .schema import load_schema
from .vocabulary import count_of, severity_label


def _split(values: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(v.strip() for value in values for v in value.split(",") if v.strip())


def _fail(message: str, lang: str = "ar") -> None:
    """One line on stderr, in the user's language."""
    click.echo(f"brieflint: {translate(message, lang)}", err=True)


def _user_lang(lang: str | None, config_file: str | None = None, near: str = "") -> str:
    """--lang, else the language of the configuration that applies (to ``near``, else to the
    working folder), else Arabic. A configuration that cannot be read is reported later, where
    it is used; here it only means the default."""
    if lang:
        return lang
    try:
        where = near or str(Path.cwd() / "_")
        config, _ = effective_config(Config(), where, Path(config_file) if config_file else None)
        return config.lang
    except (BrieflintError, OSError):
        return "ar"


debug_option = click.option(
    "--debug",
    is_flag=True,
    help="Show the traceback of an internal error (also: BRIEFLINT_DEBUG=1).",
)


def _debugging(flag: bool) -> bool:
    return flag or bool(os.environ.get("BRIEFLINT_DEBUG"))


def _internal(path: str, exc: BaseException, debug: bool, lang: str = "ar") -> None:
    """One line for an unexpected error in one file; the traceback only when debugging."""
    import traceback

    _fail(f"{path}: {internal_error_message(exc)}", lang)
    if _debugging(debug):
        click.echo("".join(traceback.format_exception(exc)), err=True, nl=False)


def _failed(exc: Exception, draft: str, written: str, debug: bool, lang: str) -> int:
    """The one line for an error while ``build``, ``fix``, ``review`` or ``new`` worked on
    ``draft`` (writing ``written``), and the exit code it means: 2 for bad input or an output
    that cannot be written, the internal-error code for anything else."""
    if isinstance(exc, BrieflintError):
        _fail(str(exc), lang)
        return 2
    if isinstance(exc, OSError):  # writing the output failed after the checks before the work
        _fail(f"cannot write {written}: {os_reason(exc)}", lang)
        return 2
    _internal(draft, exc, debug, lang)
    return INTERNAL_ERROR_EXIT


def check_output_path(path: str) -> None:
    """Refuse, before any work, an output that cannot be written: a folder, a file in a folder
    that does not exist, a folder that is not writable."""
    target = Path(path)
    if target.is_dir():
        raise BrieflintError(f"{path}: is a folder: name the file to write")
    parent = target.parent
    if not parent.exists():
        raise BrieflintError(f"{path}: no folder {parent} to write into (create it first)")
    if not parent.is_dir():
        raise BrieflintError(f"cannot write {path}: Not a directory")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise BrieflintError(f"cannot write {path}: Permission denied")


def check_input_path(path: str) -> None:
    """A draft named on the command line must be a file that exists."""
    if not Path(path).exists():
        raise InputError(path, "no such file or folder")
    if Path(path).is_dir():
        raise InputError(path, "is a folder, not a draft")


def write_output(path: str, data: bytes | str) -> None:
    """Write (atomically) or raise the one-line error a user can act on."""
    try:
        atomic_write(path, data)
    except OSError as exc:
        raise BrieflintError(f"cannot write {path}: {os_reason(exc)}") from None


config_option = click.option(
    "--config",
    "config_file",
    type=click.Path(),
    help="Configuration file (default: .brieflint.yaml found upward, or [tool.brieflint] in pyproject.toml).",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["ar", "en"]),
    default=None,
    help="Language of messages (default: the configuration's, else ar).",
)


def _show_version(ctx: click.Context, _param, value: bool) -> None:
    """brieflint's version, and the libhunspell the Arabic dictionary runs on (the system's
    optimised one or chunspell's bundled one, and why: spelling/hunspell_library.py)."""
    if not value or ctx.resilient_parsing:
        return
    from .spelling.hunspell_library import chosen_library

    click.echo(f"brieflint, version {__version__}")
    click.echo(f"Hunspell: {chosen_library().describe()}")
    ctx.exit()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--version",
    is_flag=True,
    expose_value=False,
    is_eager=True,
    callback=_show_version,
    help="Show the version and the Hunspell library in use, and exit.",
)
def main() -> None:
    """Lint, fix and typeset Arabic policy briefs (تقدير موقف) in Markdown and Word."""
    from .limits import install_cpu_limit_handler, pace_garbage_collector

    install_cpu_limit_handler()
    pace_garbage_collector()


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
    type=click.Path(),
    help="Write the report here instead of stdout.",
)
@click.option(
    "--color",
    "color",
    type=click.Choice(["auto", "always", "never"]),
    default="auto",
    show_default=True,
    help="Colour the text report: auto (on a terminal, unless NO_COLOR is set), always, never.",
)
@click.option("--no-color", "no_color", is_flag=True, hidden=True)
@click.option(
    "--context/--no-context",
    default=None,
    help="Show the line of the draft under each finding, the span marked (default: on a terminal).",
)
@click.option(
    "--statistics",
    is_flag=True,
    help="Print the count of findings per rule instead of the findings.",
)
@click.option(
    "--exclude",
    multiple=True,
    help="Skip files matching these globs (added to the configuration's exclude); comma-separated.",
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
    no_color,
    context,
    statistics,
    exclude,
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
        from .languagetool import LanguageToolSettings  # only when asked for: a cold start

        overrides["languagetool"] = LanguageToolSettings(
            server=lt_server,
            disabled_rules=_split(lt_disabled) if lt_disabled else None,
            timeout=lt_timeout,
            required=lt_required,
        )
    explicit = Path(config_file) if config_file else None
    user_lang = _user_lang(lang, config_file)
    try:
        if output_file:
            check_output_path(output_file)
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
                _split(exclude),
            )
        )
    except BrieflintError as exc:
        _fail(str(exc), user_lang)
        sys.exit(2)
    lang = lang or next((r.lang for r in results if r.lang), user_lang)
    for result in results:
        if result.error:
            _fail(f"{result.path}: {result.error}", lang)
            if result.internal and _debugging(debug):
                click.echo(result.traceback, err=True, nl=False)
    for reason in dict.fromkeys(r.incomplete for r in results if r.incomplete):
        _fail(f"check incomplete: {reason}", lang)
    terminal = output_file is None and sys.stdout.isatty()
    options = {
        "lang": lang,
        "colour": _colour(color, no_color, terminal),
        "context": terminal if context is None else context,
        "statistics": statistics,
    }
    report = REPORTERS[output_format](results, options)
    if output_file:
        try:
            write_output(output_file, report)
        except BrieflintError as exc:
            _fail(str(exc), lang)
            sys.exit(2)
    else:
        click.echo(report, nl=False, color=options["colour"])  # click strips colour in a pipe
    sys.exit(exit_code(results, strict))


def _colour(choice: str, no_color: bool, terminal: bool) -> bool:
    """--color always|never|auto; auto is a terminal without NO_COLOR (no-color.org)."""
    if no_color or choice == "never":
        return False
    if choice == "always":
        return True
    return terminal and not os.environ.get("NO_COLOR")


def _config_for(
    draft: str, explicit: Path | None, overrides: dict, ignore: tuple[str, ...]
) -> Config:
    return _config_and_root(draft, explicit, overrides, ignore)[0]


def _config_and_root(
    draft: str, explicit: Path | None, overrides: dict, ignore: tuple[str, ...]
) -> tuple[Config, Path]:
    """The configuration of ``draft``, and the folder its include/exclude globs are relative
    to: the configuration file's, else the working folder."""
    config, found = effective_config(Config(), draft, explicit, overrides)
    if ignore:
        config = replace(config, ignore=tuple(dict.fromkeys([*config.ignore, *ignore])))
    return config, (found.resolve().parent if found else Path.cwd())


def _check(
    paths,
    explicit: Path | None,
    overrides: dict,
    ignore: tuple[str, ...],
    jobs: int,
    cache_dir: Path | None,
    exclude: tuple[str, ...] = (),
):
    """Results in the order the paths were named: stdin and unreadable paths in place, the
    drafts checked together (in parallel processes when there are several); drafts the
    include/exclude globs leave out are skipped, named or found in a folder."""
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
                config, root = _config_and_root(draft, explicit, overrides, ignore)
            except ConfigError as exc:
                planned.append(FileResult(path=draft, error=str(exc)))
                continue
            if not selected_file(draft, config, root, exclude):
                continue
            planned.append((draft, config))
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
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="The document to write: NAME.docx, or NAME.pdf (through LibreOffice).",
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
    """Write the house-style Word document (or its PDF) for a draft (.md or .docx)."""
    from .build import LintErrors, WouldLeaveOut, build, soffice

    language = _user_lang(lang, config_file, source)
    suffix = Path(output).suffix.lower()
    try:
        check_input_path(source)
        check_output_path(output)
        if suffix not in {".docx", ".pdf"}:
            raise BrieflintError(
                f"build writes .docx or .pdf, not {suffix or Path(output).name}: "
                "name the output NAME.docx or NAME.pdf"
            )
        if suffix == ".pdf" and soffice() is None:
            raise BrieflintError(
                "a PDF is made by LibreOffice (Debian: apt-get install libreoffice-writer-nogui); "
                "nothing written"
            )
        config, _ = effective_config(
            Config(),
            source,
            Path(config_file) if config_file else None,
            {"lang": lang} if lang else None,
        )
        language = config.lang
        if suffix == ".pdf":
            written, left_out = _build_pdf(build, source, output, style, config, force)
        else:
            result = build(source, output, style=style, config=config, force=force, pdf=pdf)
            written = [result.output, *([result.pdf] if result.pdf else [])]
            left_out = result.left_out
    except LintErrors as exc:
        _refuse_build(exc.result, language)
        sys.exit(1)
    except WouldLeaveOut as exc:
        _refuse_left_out(exc, language)
        sys.exit(1)
    except Exception as exc:
        sys.exit(_failed(exc, source, output, debug, language))
    for item in left_out:  # --force: say what the document does not hold
        click.echo(item.line(source, language), err=True)
    files = (
        " و".join(str(p) for p in written)
        if language == "ar"
        else " and ".join(str(p) for p in written)
    )
    click.echo(f"wrote {files}" if language == "en" else f"كُتب {files}")


def _build_pdf(build, source: str, output: str, style, config: Config, force: bool):
    """``-o NAME.pdf``: the house-style document converted by LibreOffice; only the PDF is
    written where the user asked. Returns what was written and what was left out (--force)."""
    import tempfile

    with tempfile.TemporaryDirectory(prefix="brieflint-build-") as folder:
        docx_path = Path(folder) / (Path(output).stem + ".docx")
        result = build(source, str(docx_path), style=style, config=config, force=force, pdf=True)
        assert result.pdf is not None
        write_output(output, result.pdf.read_bytes())
    return [Path(output)], result.left_out


def _refuse_left_out(exc, lang: str) -> None:
    """Each piece the document could not hold, then why nothing was written."""
    for item in exc.left_out:
        click.echo(item.line(exc.path, lang), err=True)
    count = count_of(len(exc.left_out), "item", lang)
    if lang == "en":
        _fail(
            f"{exc.path}: build refused: the document would leave out {count}; "
            "place them or use --force",
            "en",
        )
    else:
        _fail(
            f"{exc.path}: رُفض البناء: سيُسقط المستند {count}؛ ضعها في موضعها أو استعمل ‎--force", "ar"
        )


def _refuse_build(result: FileResult, lang: str) -> None:
    """The errors, one a line, then why nothing was written and what would help."""
    from .report.text import fix_hint

    errors = [p for p in result.problems if p.severity == Severity.ERROR]
    label = severity_label("error", lang)
    for problem in errors:
        loc = problem.location
        click.echo(
            f"{result.path}:{loc.line}:{loc.column}: {problem.rule} [{label}] "
            f"{problem.message.get(lang)}",
            err=True,
        )
    count = count_of(len(errors), "error", lang)
    if lang == "en":
        _fail(f"{result.path}: {count}; nothing written: fix them, or use --force", "en")
    else:
        _fail(f"{result.path}: {count}؛ لم يُكتب شيء: صحّحها أو استعمل ‎--force", "ar")
    fixable = sum(p.fix is not None and p.fix.safe for p in result.problems)
    if fixable:
        click.echo(f"brieflint: {fix_hint(fixable, lang, result.path)}", err=True)


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
    type=click.Path(),
    help="The fixed file (default: a Word draft's NAME.fixed.docx; a Markdown draft is fixed in place).",
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
    user_lang = _user_lang(lang, config_file)
    try:
        check_selectors(_split(select), "--select")
        check_selectors(_split(ignore), "--ignore")
        if output:
            check_output_path(output)
    except BrieflintError as exc:
        _fail(str(exc), user_lang)
        sys.exit(2)
    drafts = [d for p in paths for d in expand_paths([p])]
    if output and len(drafts) != 1:
        _fail("-o names one output: give one draft", user_lang)
        sys.exit(2)
    status = 0
    for draft, error in drafts:
        language = user_lang
        if error:
            _fail(f"{draft}: {error}", language)
            status = 2
            continue
        try:
            check_input_path(draft)
            config, root = _config_and_root(
                draft, Path(config_file) if config_file else None, overrides, _split(ignore)
            )
            language = config.lang
            if not selected_file(draft, config, root):
                continue  # not a draft (README, an excluded folder): never rewritten
            report = fix_path(draft, config, output=output, write=write, unsafe=unsafe_fixes)
        except Exception as exc:  # this draft only: the others are still fixed
            status = max(status, _failed(exc, draft, output or draft, debug, language))
            continue
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
                    f"{draft}:{loc.line}:{loc.column}: {problem.rule} "
                    f"{_describe_fix(problem, language)}"
                )
        not_fixed = "not fixed" if language == "en" else "لم يُصحَّح"
        for problem, reason in report.skipped:
            loc = problem.location
            click.echo(
                f"{draft}:{loc.line}:{loc.column}: {problem.rule} {not_fixed}: "
                f"{translate(reason, language)}",
                err=True,
            )
        if write:
            click.echo(_fixed_line(draft, report, language))
    sys.exit(status)


def _fixed_line(draft: str, report, lang: str) -> str:
    target = f" → {report.output}" if report.output and report.output != draft else ""
    fixes = count_of(report.fixes, "fix", lang)
    if lang == "en":
        verb = "fixed" if report.changed else "nothing to fix in"
        return f"{verb} {draft}{target}: {fixes}" if report.changed else f"{verb} {draft}"
    if not report.changed:
        return f"{draft}: لا شيء يُصحَّح"
    return f"{draft}{target}: طُبّق {fixes}"


@main.command("review")
@click.argument("draft")
@click.option(
    "-o",
    "--output",
    type=click.Path(),
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
@debug_option
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
    debug,
) -> None:
    """A reviewed copy of a draft: findings as comments, safe fixes as tracked changes."""
    from .review import review_docx, review_markdown

    suffix = Path(draft).suffix.lower()
    overrides: dict = {}
    if select:
        overrides["select"] = _split(select)
    if lang:
        overrides["lang"] = lang
    language = _user_lang(lang, config_file, draft)
    try:
        check_input_path(draft)
        if output:
            check_output_path(output)
        if suffix != ".docx" and not criticmarkup:
            raise BrieflintError(
                f"{draft}: a Markdown draft is reviewed with --criticmarkup "
                "(Word drafts get comments and tracked changes)"
            )
        config = _config_for(
            draft, Path(config_file) if config_file else None, overrides, _split(ignore)
        )
        language = config.lang
        review = review_docx if suffix == ".docx" else review_markdown
        report = review(
            draft,
            config,
            output,
            track_changes=not no_track_changes,
            comments_for=Severity(comments_only_for),
        )
    except Exception as exc:
        sys.exit(_failed(exc, draft, output or draft, debug, language))
    comments = count_of(report.comments, "comment", language)
    changes = count_of(report.changes, "change", language)
    findings = count_of(report.findings, "finding", language)
    if language == "en":
        click.echo(f"wrote {report.output}: {comments} and {changes} for {findings}")
    else:
        click.echo(f"كُتبت {report.output}: {comments} و{changes}، عن {findings}")


def _describe_fix(problem, lang: str = "en") -> str:
    edits = problem.fix.edits
    if len(edits) == 1:
        return f"«{edits[0].expected}» → «{edits[0].replacement}»"
    changes = ", ".join(f"{e.expected or '∅'}→{e.replacement}" for e in edits[:6])
    more = " …" if len(edits) > 6 else ""
    return f"{count_of(len(edits), 'edit', lang)}: {changes}{more}"


@main.command("new")
@click.argument("kind", required=False)
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(),
    help="The draft to write: NAME.md, or NAME.docx (a house-style Word skeleton).",
)
@click.option("--force", is_flag=True, help="Replace an existing file.")
@lang_option
@debug_option
def new_command(kind, output, force, lang, debug) -> None:
    """Write a skeleton draft of a brief kind (default: situation-assessment)."""
    from .build import new_draft

    language = _user_lang(lang)
    suffix = Path(output).suffix.lower()
    try:
        check_output_path(output)
        if suffix not in {".md", ".markdown", ".txt", ".docx"}:
            raise BrieflintError(
                f"new writes .md or .docx, not {suffix or Path(output).name}: "
                "name the output NAME.md or NAME.docx"
            )
        if Path(output).exists() and not force:
            raise BrieflintError(f"{output}: already exists (use --force to replace it)")
        if suffix == ".docx":
            path = _new_word_draft(kind, output)
        else:
            path = new_draft(kind, output, force=force)
    except Exception as exc:
        sys.exit(_failed(exc, output, output, debug, language))
    click.echo(f"wrote {path}" if language == "en" else f"كُتب {path}")


def _new_word_draft(kind: str | None, output: str) -> Path:
    """The skeleton of ``kind`` as a house-style Word document: the Markdown skeleton built as
    ``brieflint build`` builds a draft (its placeholders are not errors to refuse)."""
    import tempfile

    from .build import build, new_draft

    with tempfile.TemporaryDirectory(prefix="brieflint-new-") as folder:
        skeleton = new_draft(kind, str(Path(folder) / "skeleton.md"))
        built = Path(folder) / "skeleton.docx"
        build(str(skeleton), str(built), force=True)
        write_output(output, built.read_bytes())
    return Path(output)


@main.command("config")
@click.argument("path", default=".")
@config_option
@lang_option
def show_config(path: str, config_file: str | None, lang: str | None) -> None:
    """Print the configuration that applies to a draft (or folder)."""
    language = _user_lang(lang, config_file)
    try:
        if not Path(path).exists():
            raise InputError(path, "no such file or folder")
        config, found = effective_config(
            Config(),
            str(Path(path).resolve() / "_" if Path(path).is_dir() else path),
            Path(config_file) if config_file else None,
        )
    except BrieflintError as exc:
        _fail(str(exc), language)
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
@click.option(
    "--docs",
    "docs_dir",
    type=click.Path(file_okay=False, writable=True),
    help="Write one documentation page per rule (Markdown, Arabic and English) into this folder.",
)
@lang_option
def list_rules(output_format: str, docs_dir: str | None, lang: str | None) -> None:
    """List every rule: code, name, family, category, default severity and whether it can fix."""
    from .rules import catalog

    language = _user_lang(lang)
    if docs_dir is not None:
        _write_rule_docs(docs_dir, language)
    elif output_format == "markdown":
        click.echo(catalog.markdown_table(), nl=False)  # the README's table, in English
    elif output_format == "json":
        click.echo(catalog.json_listing(language), nl=False)
    else:
        click.echo(catalog.text_table(language), nl=False)


def _write_rule_docs(folder: str, language: str) -> None:
    from .rules.docs import write_pages
    from .vocabulary import count_of

    if not Path(folder).parent.is_dir():
        _fail(f"no folder {Path(folder).parent} to write into (create it first)", language)
        sys.exit(2)
    try:
        written = write_pages(Path(folder))
    except OSError as exc:
        _fail(f"{folder}: cannot write the rule pages: {os_reason(exc)}", language)
        sys.exit(2)
    if language == "ar":
        click.echo(f"كُتبت {count_of(len(written), 'page', 'ar')} في {folder}")
    else:
        click.echo(f"{count_of(len(written), 'page', 'en')} written to {folder}")


@main.command()
@click.argument("code")
@lang_option
def explain(code: str, lang: str | None) -> None:
    """Show a rule's documentation, with a failing and a passing example."""
    from .rules import catalog

    language = _user_lang(lang)
    rule = rule_by_code(code)
    if rule is None:
        _fail(
            f"no rule {code!r} ({did_you_mean(code, _explainable())}); `brieflint rules` lists them",
            language,
        )
        sys.exit(2)
    click.echo(catalog.explain(rule, language), nl=False)
    click.echo(catalog.documentation_links(rule, language), nl=False)


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
