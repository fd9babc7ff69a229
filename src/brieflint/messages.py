"""The command line's own words in both languages: the one-line errors, and what each command
says when it is done.

Errors are raised in English throughout brieflint (the Python API's exceptions, the JSON
``error`` field); the command line shows them in the user's language. :data:`ERRORS` pairs each
English error template with its Arabic, and :func:`translate` turns a message (with or without
the ``path: `` in front) into Arabic. ``tests/test_messages.py`` finds every error brieflint
raises in its source and fails if one has no Arabic here.
"""

from __future__ import annotations

import re
from functools import cache

# English template → Arabic. ``{name}`` matches any text and is carried over (translated again
# when it is itself an error, such as the operating system's reason).
ERRORS: tuple[tuple[str, str], ...] = (
    # files and folders
    ("no such file or folder", "لا يوجد ملف أو مجلد بهذا الاسم"),
    ("is a folder, not a draft", "مجلد وليس مسودة"),
    (
        "unsupported file type {suffix} (brieflint reads .md, .markdown, .txt, .docx)",
        "نوع ملف غير مدعوم {suffix} (يقرأ brieflint ملفات ‎.md و‎.markdown و‎.txt و‎.docx)",
    ),
    (
        "unsupported file type {suffix} (brieflint fixes .md, .markdown, .txt, .docx)",
        "نوع ملف غير مدعوم {suffix} (يصحّح brieflint ملفات ‎.md و‎.markdown و‎.txt و‎.docx)",
    ),
    (
        "folder contains no drafts (.md, .markdown, .txt, .docx)",
        "لا مسودات في المجلد (‎.md أو ‎.markdown أو ‎.txt أو ‎.docx)",
    ),
    ("cannot read folder: {reason}", "تعذّرت قراءة المجلد: {reason}"),
    ("cannot read file: {reason}", "تعذّرت قراءة الملف: {reason}"),
    ("not a regular file (a pipe, device or socket)", "ليس ملفًا عاديًّا (أنبوب أو جهاز أو مقبس)"),
    (
        "file is too large ({size} MiB; the limit is {limit} MiB)",
        "الملف كبير جدًّا ({size} MiB، والحد {limit} MiB)",
    ),
    ("file is too large (the limit is {limit} MiB)", "الملف كبير جدًّا (الحد {limit} MiB)"),
    ("file is empty", "الملف فارغ"),
    (
        "too long to check: {count} characters of text (the limit is {limit}, about 80,000 words); split it into parts",
        "أطول من أن يُفحص: {count} حرف من النص (والحد {limit}، نحو 80,000 كلمة)؛ قسّمه أجزاءً",
    ),
    (
        "too long to check: {count} {unit} (the limit is {limit}); split it into parts",
        "أطول من أن يُفحص: {count} {unit} (والحد {limit})؛ قسّمه أجزاءً",
    ),
    # the units of the limit above (past 10,000 Arabic counts them in the singular)
    ("lines", "سطر"),
    ("paragraphs", "فقرة"),
    ("formatted runs", "مقطع منسَّق"),
    ("binary data, not a text file", "بيانات ثنائية، لا ملف نصي"),
    (
        "not valid UTF-16 text despite its byte-order mark",
        "ليس نص UTF-16 صالحًا رغم علامة ترتيب البايتات",
    ),
    (
        "not UTF-8 text (invalid byte at offset {offset}) and not Windows-1256 Arabic",
        "ليس نص UTF-8 (بايت غير صالح عند الموضع {offset}) ولا نصًّا عربيًّا بترميز Windows-1256",
    ),
    ("cannot parse Markdown: {reason}", "تعذّر تحليل Markdown: {reason}"),
    (
        "front matter is not valid YAML{where}: {reason}",
        "بيانات الغلاف ليست YAML صالحًا{where}: {reason}",
    ),
    ("front matter must be a mapping of keys to values", "يجب أن تكون بيانات الغلاف مفاتيح وقيمًا"),
    # Word files
    (
        "an encrypted Word file or an old binary .doc, not .docx: save it as .docx",
        "ملف Word مشفّر أو ملف ‎.doc قديم لا ‎.docx: احفظه بصيغة ‎.docx",
    ),
    ("not a Word document: the file is not a zip archive", "ليس مستند Word: الملف ليس أرشيف zip"),
    (
        "not a Word document: the zip has no word/document.xml",
        "ليس مستند Word: لا يحوي الأرشيف word/document.xml",
    ),
    (
        "refused: {count} parts in the package (zip bomb?)",
        "رُفض: في الحزمة {count} جزء (قنبلة zip؟)",
    ),
    (
        "refused: its XML unpacks to more than {size} MiB (the limit for a draft)",
        "رُفض: يتجاوز حجم XML فيه بعد فك الضغط {size} MiB (الحد لمسودة)",
    ),
    (
        "refused: unpacks to more than {size} MiB (zip bomb?)",
        "رُفض: يتجاوز حجمه بعد فك الضغط {size} MiB (قنبلة zip؟)",
    ),
    (
        "refused: {part} unpacks to more than the {size} bytes its header declares (zip bomb?)",
        "رُفض: {part} يتجاوز بعد فك الضغط {size} بايت المعلنة في ترويسته (قنبلة zip؟)",
    ),
    (
        "refused: {part} is compressed over {ratio}:1 (zip bomb?)",
        "رُفض: نسبة ضغط {part} تتجاوز {ratio}:1 (قنبلة zip؟)",
    ),
    (
        "refused: {part} declares XML entities (unsafe XML)",
        "رُفض: {part} يعرّف كيانات XML (XML غير آمن)",
    ),
    (
        "refused: {count} byte(s) are not UTF-8 (byte offset {offset}); replace them in an editor first; nothing written",
        "رُفض: {count} بايت ليست UTF-8 (عند الموضع {offset})؛ استبدلها في محرر أولًا؛ لم يُكتب شيء",
    ),
    (
        "cannot read Word file: {part} uses an unknown compression",
        "تعذّرت قراءة ملف Word: {part} مضغوط بطريقة غير معروفة",
    ),
    ("cannot read Word file: {reason}", "تعذّرت قراءة ملف Word: {reason}"),
    ("corrupt Word file: {reason}", "ملف Word تالف: {reason}"),
    ("cannot open as a Word document: {reason}", "تعذّر فتحه مستندَ Word: {reason}"),
    ("corrupt styles part: {reason}", "جزء الأنماط تالف: {reason}"),
    ("corrupt numbering part: {reason}", "جزء الترقيم تالف: {reason}"),
    ("corrupt notes part: {reason}", "جزء الحواشي تالف: {reason}"),
    ("corrupt comments part: {reason}", "جزء التعليقات تالف: {reason}"),
    # writing
    (
        "changed since it was read; nothing written (run fix again)",
        "تغيّر منذ قراءته؛ لم يُكتب شيء (شغّل fix مرة أخرى)",
    ),
    ("is read-only; nothing written", "للقراءة فقط؛ لم يُكتب شيء"),
    (
        "is open in another program ({lock}); nothing written",
        "مفتوح في برنامج آخر ({lock})؛ لم يُكتب شيء",
    ),
    (
        "fix writes Word drafts to a new file: choose another -o",
        "يكتب fix مسودات Word في ملف جديد: اختر ‎-o آخر",
    ),
    ("review writes a new file: choose another -o", "يكتب review ملفًا جديدًا: اختر ‎-o آخر"),
    (
        "the output would overwrite the draft: choose another -o",
        "الناتج سيكتب فوق المسودة: اختر ‎-o آخر",
    ),
    ("already exists (use --force to replace it)", "موجود من قبل (استعمل ‎--force لاستبداله)"),
    ("-o names one output: give one draft", "يسمّي ‎-o ناتجًا واحدًا: أعطِ مسودة واحدة"),
    (
        "a Markdown draft is reviewed with --criticmarkup (Word drafts get comments and tracked changes)",
        "تُراجَع مسودة Markdown مع ‎--criticmarkup (ومسودات Word بالتعليقات والتعديلات المتتبَّعة)",
    ),
    ("cannot write {what}: {reason}", "تعذّرت كتابة {what}: {reason}"),
    ("cannot write the rule pages: {reason}", "تعذّرت كتابة صفحات القواعد: {reason}"),
    (
        "no folder {folder} to write into (create it first)",
        "لا مجلد {folder} للكتابة فيه (أنشئه أولًا)",
    ),
    ("is a folder: name the file to write", "مجلد: سمِّ الملف المراد كتابته"),
    (
        "build writes .docx or .pdf, not {suffix}: name the output NAME.docx or NAME.pdf",
        "يكتب build ملف ‎.docx أو ‎.pdf لا {suffix}: سمِّ الناتج NAME.docx أو NAME.pdf",
    ),
    (
        "new writes .md or .docx, not {suffix}: name the output NAME.md or NAME.docx",
        "يكتب new ملف ‎.md أو ‎.docx لا {suffix}: سمِّ الناتج NAME.md أو NAME.docx",
    ),
    # why a fix was not applied (brieflint fix: «not fixed: …»)
    ("its place in the source is unknown", "موضعه في المصدر غير معروف"),
    ("the text has changed since the finding", "تغيّر النص منذ الفحص"),
    (
        "the source differs from the text here (escapes or markup)",
        "المصدر هنا يختلف عن النص (رموز هروب أو تنسيق)",
    ),
    ("the text here is not the text the finding named", "النص هنا غير النص الذي سمّاه الفحص"),
    ("no text run at this place", "لا نص في هذا الموضع"),
    ("the span includes a tab or a line break", "المقطع يشمل علامة جدولة أو فاصل سطر"),
    (
        "the span crosses runs with different formatting",
        "المقطع يمتد على أجزاء مختلفة التنسيق",
    ),
    ("paragraph not found", "الفقرة غير موجودة"),
    ("conflicts with another fix that undoes it", "يتعارض مع تصحيح آخر يلغيه"),
    # build
    (
        "build refused: the built document would lose note {label}: «{snippet}»",
        "رُفض البناء: كان المستند الناتج سيفقد الحاشية {label}: «{snippet}»",
    ),
    (
        "build refused: the built document would lose the {what}",
        "رُفض البناء: كان المستند الناتج سيفقد {what}",
    ),
    (
        "--pdf needs LibreOffice (Debian: apt-get install libreoffice-writer-nogui); the .docx was written",
        "يحتاج ‎--pdf إلى LibreOffice (في Debian: apt-get install libreoffice-writer-nogui)؛ كُتب ملف ‎.docx",
    ),
    (
        "a PDF is made by LibreOffice (Debian: apt-get install libreoffice-writer-nogui); nothing written",
        "يصنع LibreOffice ملف PDF (في Debian: apt-get install libreoffice-writer-nogui)؛ لم يُكتب شيء",
    ),
    (
        "LibreOffice could not convert it to PDF: {reason}",
        "تعذّر على LibreOffice تحويله إلى PDF: {reason}",
    ),
    (
        "no skeleton for brief kind {kind} (available: {known})",
        "لا هيكل لنوع الورقة {kind} (المتاح: {known})",
    ),
    # configuration, schemas, styles, word lists
    ("cannot read configuration: {reason}", "تعذّرت قراءة الإعدادات: {reason}"),
    ("cannot read: {reason}", "تعذّرت القراءة: {reason}"),
    ("configuration is not valid YAML: {reason}", "الإعدادات ليست YAML صالحًا: {reason}"),
    ("configuration must be a mapping of keys to values", "يجب أن تكون الإعدادات مفاتيح وقيمًا"),
    ("dictionary {name} not found ({target})", "قائمة الكلمات {name} غير موجودة ({target})"),
    ("extends {name} makes a cycle", "‏extends {name} يصنع حلقة"),
    (
        "extends {name}: no such preset ({presets}) or file",
        "‏extends {name}: لا إعداد جاهز بهذا الاسم ({presets}) ولا ملف",
    ),
    (
        "unknown key {key} at {where} (known keys: {known})",
        "مفتاح غير معروف {key} في {where} (المفاتيح المعروفة: {known})",
    ),
    ("invalid configuration at {where}: {reason}", "إعداد غير صالح في {where}: {reason}"),
    (
        "unknown rule {key} at rules: it names no rule (a code, a dotted name or a family); {hint}",
        "قاعدة غير معروفة {key} في rules: لا تسمّي قاعدة (رمزًا أو اسمًا منقوطًا أو عائلة)؛ {hint}",
    ),
    (
        "'words' at rules/{key} is not a rule option: words apply to the whole document, so put `words:` at the top level of the configuration",
        "‏'words' في rules/{key} ليس خيار قاعدة: الكلمات تنطبق على الوثيقة كلها، فضع ‎`words:` في أعلى الإعدادات",
    ),
    (
        "unknown option {option} at rules/{key} ({hint})",
        "خيار غير معروف {option} في rules/{key} ({hint})",
    ),
    (
        "invalid value at rules/{key}/{option}: {reason}",
        "قيمة غير صالحة في rules/{key}/{option}: {reason}",
    ),
    (
        "unknown rule selector {selector} in {where}: it matches no rule; {hint}",
        "محدِّد قواعد غير معروف {selector} في {where}: لا يطابق أي قاعدة؛ {hint}",
    ),
    ("cannot read schema: {reason}", "تعذّرت قراءة المخطط: {reason}"),
    ("schema is not valid YAML: {reason}", "المخطط ليس YAML صالحًا: {reason}"),
    ("schema must be a mapping of keys to values", "يجب أن يكون المخطط مفاتيح وقيمًا"),
    (
        "invalid schema at sections: duplicate section id {id}",
        "مخطط غير صالح في sections: معرّف قسم مكرر {id}",
    ),
    ("invalid schema at {where}: {reason}", "مخطط غير صالح في {where}: {reason}"),
    (
        "unknown brief kind {kind} (shipped kinds: {known}; or a .yaml file)",
        "نوع ورقة غير معروف {kind} (الأنواع المتاحة: {known}؛ أو ملف ‎.yaml)",
    ),
    ("word list is not UTF-8 text", "قائمة الكلمات ليست نص UTF-8"),
    ("cannot read word list: {reason}", "تعذّرت قراءة قائمة الكلمات: {reason}"),
    ("word list contains binary data", "في قائمة الكلمات بيانات ثنائية"),
    ("cannot read house style: {reason}", "تعذّرت قراءة النمط المؤسسي: {reason}"),
    ("house style is not valid YAML: {reason}", "النمط المؤسسي ليس YAML صالحًا: {reason}"),
    ("invalid house style at {where}: {reason}", "نمط مؤسسي غير صالح في {where}: {reason}"),
    # LanguageTool
    (
        "LanguageTool support is not installed: pip install 'brieflint[languagetool]'",
        "دعم LanguageTool غير مثبّت: pip install 'brieflint[languagetool]'",
    ),
    (
        "LanguageTool failed while checking {path}: {reason}",
        "أخفق LanguageTool في فحص {path}: {reason}",
    ),
    ("check incomplete: {reason}", "الفحص ناقص: {reason}"),
    # internal errors
    (
        "internal error ({detail}); run with --debug for details",
        "خطأ داخلي ({detail})؛ شغّل الأمر مع ‎--debug لمعرفة التفاصيل",
    ),
    (
        "no rule {code} ({hint}); `brieflint rules` lists them",
        "لا قاعدة {code} ({hint})؛ يسردها الأمر `brieflint rules`",
    ),
    ("did you mean {names}?", "هل تقصد {names}؟"),
    (
        "see `brieflint rules` for codes, names, families and categories",
        "انظر `brieflint rules` للرموز والأسماء والعائلات والفئات",
    ),
)

# The operating system's reasons (strerror), which arrive inside the messages above.
OS_REASONS: dict[str, str] = {
    "No such file or directory": "لا يوجد ملف أو مجلد بهذا الاسم",
    "Permission denied": "الإذن مرفوض",
    "Is a directory": "هذا مجلد",
    "Not a directory": "جزء من المسار ليس مجلدًا",
    "Read-only file system": "نظام الملفات للقراءة فقط",
    "No space left on device": "لا مساحة على القرص",
    "File name too long": "اسم الملف طويل جدًّا",
    "Operation not permitted": "العملية غير مسموح بها",
}


def _pattern(template: str) -> re.Pattern[str]:
    parts = re.split(r"\{(\w+)\}", template)
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>.*?)" for i, part in enumerate(parts)
    )
    return re.compile(r"(?P<_where>(?:.*?: )?)" + regex, re.DOTALL)


@cache
def _compiled() -> tuple[tuple[re.Pattern[str], str], ...]:
    return tuple((_pattern(english), arabic) for english, arabic in ERRORS)


def translate(message: str, lang: str) -> str:
    """``message`` (an English error, possibly ``path: `` first) in ``lang``; a message the
    catalogue does not know is shown as it is."""
    if lang != "ar":
        return message
    return _arabic(message, depth=0)


def _arabic(message: str, depth: int) -> str:
    if message in OS_REASONS:
        return OS_REASONS[message]
    for pattern, arabic in _compiled():
        match = pattern.fullmatch(message)
        if match is None:
            continue
        values = {
            key: (_arabic(value, depth + 1) if depth < 3 else value)
            for key, value in match.groupdict().items()
            if key != "_where"
        }
        return match["_where"] + arabic.format(**values)
    return message


def os_reason(exc: OSError) -> str:
    """The operating system's reason for a failed read or write, without the errno and path."""
    return exc.strerror or str(exc)


__all__ = ["ERRORS", "OS_REASONS", "os_reason", "translate"]
