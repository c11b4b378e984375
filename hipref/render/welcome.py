"""The page the reader shows before any entry is open: what hipref is and how to start."""

WELCOME = """
<h1>hipref</h1>
<p>An offline reference for clinicians who treat hip pain, built from one article and the
studies it cites.</p>
<ul>
<li>Type in the search box: a few letters are enough (<i>FAI</i>, <i>prolo</i>, <i>iliofem</i>).
Narrow with a prefix: <i>study: walking</i>, <i>site: trochanter</i>, <i>lig: pubo</i>.</li>
<li>Arrow keys move through results and show each one; Enter opens one, Esc clears the search.</li>
<li>Browse every condition, structure, injection site, treatment, study and excerpt on the left.</li>
<li>Alt+Left and Alt+Right go back and forward. Ctrl+D bookmarks an entry. Ctrl+F finds
words in the entry, Ctrl+J jumps to one of its sections.</li>
<li>F1 lists every keyboard shortcut.</li>
</ul>
<p><i>Reference material, not medical advice. The source article is written by a clinic that
offers prolotherapy; study cards keep what each study reports apart from how the article uses it.</i></p>
"""
