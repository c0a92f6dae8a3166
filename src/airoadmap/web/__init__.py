"""Interfaces that draw in a browser: the roadmap as one self-contained web page (`html`) and
the cohort's page (`report --html`). Imported only by those two commands.

- `roadmap`: the roadmap page's data, from the curriculum and a learner's progress;
- `cohort`: the cohort page's data, from every learner's progress;
- `charts`: the small SVG charts (hours done by week, reviews due by week);
- `markdown`: a note's body as HTML, raw HTML in it escaped;
- `page`: the Jinja2 templates (in `templates/`) that make the pages, and writing one."""
