"""Files as CAT tools write them back: extra attributes and elements, split segments, other namespaces, region tags."""

from django.core.management import call_command

from events.models import Conference
from sessions.models import Session, Statement
from translators.units import edition_units, load_edition


def hashes(edition):
    return {unit.id: unit.hash for unit in edition_units(load_edition(edition))}


def cat_tool_file(edition):
    """A file like one OmegaT, memoQ or Trados returns: what a test of "files as tools write them" needs."""
    h = hashes(edition)
    conference = f"conference.{edition.pk}"
    session = Session.objects.get(key="opening")
    statement = Statement.objects.get(session=session)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0"
       xmlns:mtc="urn:oasis:names:tc:xliff:matches:2.0" xmlns:memoq="http://www.memoq.com/xliff"
       version="2.1" srcLang="en-US" trgLang="uz-UZ" memoq:version="10.4">
  <file id="{edition.slug}" original="cabmi-17.uz.xlf" canResegment="no" memoq:project="CABMI">
    <skeleton href="cabmi-17.skl"/>
    <mda:metadata><mda:metaGroup category="tool"><mda:meta type="name">memoQ</mda:meta></mda:metaGroup></mda:metadata>
    <notes><note>Project note added by the agency.</note></notes>
    <group id="g1" name="conference">
      <unit id="{conference}.title" name="title" memoq:status="Confirmed" translate="yes">
        <mda:metadata><mda:metaGroup><mda:meta type="tm-match">100</mda:meta></mda:metaGroup></mda:metadata>
        <notes>
          <note category="context" priority="3">Conference — title</note>
          <note category="source-hash">{h[f"{conference}.title"]}</note>
          <note category="translator" appliesTo="target">Checked against the 2021 edition.</note>
        </notes>
        <mtc:matches><mtc:match ref="#s1" similarity="100">
          <source>17th CABMI Conference</source><target>XVII CABMI</target>
        </mtc:match></mtc:matches>
        <segment id="s1" state="final" subState="memoq:confirmed" canResegment="no">
          <source>17th CABMI Conference</source>
          <target xml:lang="uz-UZ">CABMI <mrk id="m1" type="term" value="CABMI">17-konferensiyasi</mrk></target>
        </segment>
      </unit>
    </group>
    <unit id="{conference}.body" xml:space="preserve">
      <notes><note category="source-hash">{h[f"{conference}.body"]}</note></notes>
      <segment id="1" state="translated"><source>First paragraph.</source><target>Birinchi paragraf.</target></segment>
      <ignorable><source>

</source></ignorable>
      <segment id="2" state="reviewed"><source>Second paragraph.</source><target>Ikkinchi paragraf.</target></segment>
    </unit>
    <unit id="statement.{statement.pk}.text">
      <notes><note category="source-hash">{h[f"statement.{statement.pk}.text"]}</note></notes>
      <segment><source>Welcome to Tashkent.</source><target>Toshkentga xush kelibsiz.</target></segment>
    </unit>
    <unit id="session.{session.pk}.title" translate="no">
      <notes><note category="source-hash">{h[f"session.{session.pk}.title"]}</note></notes>
      <segment><source>Opening</source><target>Not to be imported</target></segment>
    </unit>
  </file>
</xliff>
""".encode()


def test_file_written_by_a_cat_tool_imports(edition, tmp_path):
    path = tmp_path / "cabmi-17.uz.xlf"
    path.write_bytes(cat_tool_file(edition))

    call_command("import_translation", str(path))

    conference = Conference.objects.get(pk=edition.pk)
    assert conference.title_uz == "CABMI 17-konferensiyasi"
    assert conference.body_uz == "Birinchi paragraf.\n\nIkkinchi paragraf."
    assert Statement.objects.get(session__key="opening").text_uz == "Toshkentga xush kelibsiz."
    assert Session.objects.get(key="opening").title_uz is None


def test_cat_tool_file_reports_what_it_applies(edition):
    from translators.importer import import_translation

    report = import_translation("cabmi-17.uz.xlf", cat_tool_file(edition), dry_run=True)

    assert report.ok
    assert report.language == "uz"
    assert sorted(unit.id for unit in report.applied) == sorted(
        [f"conference.{edition.pk}.title", f"conference.{edition.pk}.body", f"statement.{Statement.objects.get().pk}.text"]
    )
    assert report.refused == []
