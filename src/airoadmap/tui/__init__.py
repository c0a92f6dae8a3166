"""`airoadmap ui`: the roadmap as a full-screen terminal app, built with Textual.

Imported only by the `ui` command (`cli/ui.py`): Textual costs every other command nothing.
`session` holds the data and makes the changes (the core's actions, no drawing), which `saving`
runs one at a time in a thread; `app` is the
screen, `tree` and `panel` its two halves, `review` the review session and `screens` the
dialogs; `text` words their lines as the CLI does."""
