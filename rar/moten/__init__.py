"""The board's work in one place: bodies and mandates, meetings, agenda (§§), attendance, decisions,
justering, anslag and the protocol, extract and notice as PDF.

models · services (writes) · selectors (reads) · permissions · forms · views · urls · admin · dashboard ·
demo; by subject: au (the working committee and its recommendation), kallelse (notice and calendar file),
forhinder, kommentarer (comments on the draft protocol), beslutsbesked (the owner's notice after justering).
Templates under templates/rar/moten/. Part of the `rar` app (same app label and migrations).
"""
