"""The portal's date and number formats per language (settings.FORMAT_MODULE_PATH).

English is en-GB style (30 November 2026, 30/11/2026), Dutch nl-BE style (30 november 2026,
30/11/2026), both with a 24-hour clock. Every language reads and first writes dates as ISO
(2026-11-30), so a date input's value means the same in every language.
"""
