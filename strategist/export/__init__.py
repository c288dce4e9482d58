"""Exports of the strategy for other tools: the theme graph, and the draft as DOCX, ODT, PDF.

`graph` writes the influence and `requires` graph over the analysed themes as Mermaid,
DOT, GraphML or node-link JSON; `documents` turns the draft into a Word, OpenDocument or
PDF file through pandoc and WeasyPrint (`engines` finds them, or says how to install
them); `write` puts an export on disk atomically. The modules are imported by the
`strategist export` commands when they run, never at start-up.
"""
