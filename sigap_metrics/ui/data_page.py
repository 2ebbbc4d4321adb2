"""The Data & kualitas page (operator): upload a file, see the validation report before anything is saved, import it;
the quarantine and history of every import; data quality per import and per kecamatan; boundary GeoJSON."""
import streamlit as st

from .. import auth, columns, config, fmt
from .. import store as sigap_store
from ..importers import boundaries, messages, pipeline, report
from ..importers.load import KINDS
from ..importers.messages import FileRefused
from ..metrics import quality
from ..privacy import NikKeyInvalid
from ..textsafe import for_markdown
from . import identity, shell, widgets
from .store import cursor, data_version, db_path, writing
from .widgets import t

LAST_IMPORT, LAST_BOUNDARY = "_data_last_import", "_data_last_boundary"  # outcome of a click, shown once
REFUSED = "_data_refused"                                               # a click refused: why, shown once
OPERATORS = ("operator", "admin")
ROW_COLUMNS = ("row_number", "reason_code", "reason")
HISTORY = ("import_id", "kind", "file_name", "imported_by", "started_at", "rows_read", "accepted", "rejected", "updated",
           "warned", "rejected_share", "duplicate_rate", "completeness")
BY_AREA = ("wilayah_kode", "rows_read", "accepted", "rejected", "duplicates", "rejected_share", "duplicate_rate",
           "records", "completeness")
COMPLETENESS = ("kolom", "terisi", "total", "share")


def show() -> None:
    """Render the page (its parts are nested so they share the run's view, language and cursor)."""
    view = shell.view()
    lang = view.lang
    identity.require(*OPERATORS)
    widgets.page_header("page_data_kualitas", lang, caption_key="data_caption")
    con = cursor()


    def nik_key() -> bytes:
        """The key for previews: checked against the store's fingerprint, recorded only by an import."""
        return sigap_store.nik_key(con, config.nik_key_file(db_path()), record=False)


    def show_table(frame, names: tuple, name: str) -> None:
        """A table with localised headers and its CSV/XLSX downloads (exactly what is shown)."""
        names = tuple(n for n in names if columns.column(n).of in frame.columns)
        shown = columns.table(frame, names, lang)
        widgets.table(shown, columns.formats(names, lang), lang, key=f"tbl_{name}")
        widgets.downloads(shown, name, lang)


    def rows_table(frame, name: str) -> None:
        """Rejected rows or warnings: row number, code, reason, then the row's values as written in the file."""
        shown = frame.rename(columns=columns.labels(ROW_COLUMNS, lang))
        widgets.table(shown, columns.formats(ROW_COLUMNS, lang), lang, key=f"tbl_{name}")
        widgets.downloads(shown, name, lang, sheet="karantina")


    @st.cache_data(show_spinner=False, max_entries=4)
    def validation_report(data: bytes, name: str, kind: str | None, version: str, lang: str, _key,
                          sheet: str | None = None):
        """The preview of an uploaded file (cached per content, kind, sheet, data version and language)."""
        try:
            return pipeline.preview(cursor(), kind, data, name, nik_key=_key, lang=lang, sheet=sheet), None
        except FileRefused as refusal:
            return None, refusal.message(lang)


    @st.cache_data(show_spinner=False, max_entries=4)
    def workbook_sheets(data: bytes) -> tuple[str, ...]:
        """The sheets of an uploaded workbook (cached: opening a big workbook reads its shared strings)."""
        try:
            return pipeline.sheet_names(data)
        except FileRefused:
            return ()  # the preview says why


    def sheet_choice(data: bytes) -> str | None:
        """A workbook with several sheets: which one to read (None: the one whose header fits)."""
        names = workbook_sheets(data)
        if len(names) < 2:
            return None
        chosen = st.selectbox(t("data_sheet", lang), ["", *names], key="w_sheet", help=t("data_sheet_help", lang),
                              format_func=lambda n: n or t("data_sheet_auto", lang))
        return chosen or None


    def refused_click() -> None:
        why = st.session_state.pop(REFUSED, None)
        if why:
            st.error(why, icon=":material/block:")


    def import_tab() -> None:
        refused_click()
        upload = st.file_uploader(t("data_upload", lang), type=["csv", "xlsx", "txt"], key="w_upload",
                                  help=t("data_upload_help", lang))
        kind = st.selectbox(t("data_kind", lang), ["auto", *KINDS], key="w_kind",
                            format_func=lambda k: t("data_kind_" + k, lang))
        done = st.session_state.pop(LAST_IMPORT, None)
        if done:
            st.success(t("data_done", lang).format(id=done["import_id"], accepted=fmt.number(done["accepted"], lang),
                                                   rejected=fmt.number(done["rejected"], lang),
                                                   updated=fmt.number(done["updated"], lang)),
                       icon=":material/check_circle:")
        if upload is None:
            return
        data = upload.getvalue()
        sheet = sheet_choice(data)
        preview, refused = validation_report(data, upload.name, None if kind == "auto" else kind, data_version(con),
                                             lang, nik_key, sheet)
        if refused:
            st.error(f"{t('data_refused', lang)} {for_markdown(refused)}", icon=":material/block:")
            return
        show_report(preview)
        if preview.duplicate_of is None and preview.accepted == 0:
            st.warning(t("data_nothing_accepted", lang))
        # The import runs in the button's callback: it happens once per click, even if the script reruns.
        st.button(t("data_commit", lang), type="primary", icon=":material/upload:", key="w_commit",
                  help=t("data_commit_help", lang), disabled=preview.duplicate_of is not None,
                  on_click=commit, args=(data, upload.name, preview.kind, sheet))


    def show_report(preview) -> None:
        v = preview.validation
        st.subheader(t("data_report", lang))
        st.caption(t("data_report_kind", lang).format(kind=t("data_kind_" + preview.kind, lang), row=v.header_row))
        for note in (messages.sheet_note(v.sheet_choice, lang), messages.skipped_note(v.skipped, lang)):
            if note:
                st.caption(note)
        if preview.duplicate_of is not None:
            st.info(t("data_duplicate_file", lang).format(id=preview.duplicate_of), icon=":material/content_copy:")
        cards = st.columns(4)
        for card, (key, value) in zip(cards, (("data_rows_read", preview.rows_read), ("data_accepted", preview.accepted),
                                              ("data_rejected", preview.rejected), ("data_warned", preview.warned))):
            card.metric(t(key, lang), fmt.number(value, lang))
        with st.expander(t("data_columns", lang)):
            columns = report.recognised_columns(v).rename(columns={"field": t("col_field", lang),
                                                                   "header": t("col_header", lang)})
            st.dataframe(columns.drop(columns="required"), hide_index=True, width="stretch")
            if v.ignored_columns:
                st.caption(t("data_ignored", lang).format(columns=for_markdown(", ".join(map(str, v.ignored_columns)))))
        if len(v.rejected) or len(v.warnings):
            reasons = v.reason_counts().assign(jenis=lambda f: f["jenis"].map(lambda j: t("data_outcome_" + j, lang)))
            st.markdown(f"**{t('data_reasons', lang)}**")
            st.dataframe(reasons.rename(columns={"reason_code": t("col_reason_code", lang), "jenis": t("col_outcome", lang),
                                                 "baris": t("col_rows", lang)}), hide_index=True, width="stretch")
        if len(v.rejected):
            st.markdown(f"**{t('data_rejected_rows', lang)}**")
            rows_table(report.preview_rejected(v), "karantina_pratinjau")
        if len(v.warnings):
            st.markdown(f"**{t('data_warning_rows', lang)}**")
            rows_table(report.preview_warnings(v), "catatan_pratinjau")


    def acting_person() -> str | None:
        """The person clicking, if their session and stored role still allow imports now; else None (and why)."""
        try:
            return identity.require_role(*OPERATORS).person
        except auth.NotAllowed:
            st.session_state[REFUSED] = t("action_refused_role", lang)
            return None


    def commit(data: bytes, name: str, kind: str, sheet: str | None = None) -> None:
        """Import the file (button callback), with a progress bar; the outcome is shown by the next run.
        The person's session and stored role are checked again first: nothing is written otherwise."""
        person = acting_person()
        if person is None:
            return
        bar = st.progress(0.0, text=t("data_progress", lang).format(label=""))
        try:
            with writing() as writer:   # lands for every reader when the block ends, or not at all
                result = pipeline.commit(
                    writer, kind, data, name, user=person, sheet=sheet,
                    nik_key=lambda: sigap_store.nik_key(writer, config.nik_key_file(db_path())),
                    progress=lambda f, label: bar.progress(min(f, 1.0),
                                                           text=t("data_progress", lang).format(label=label)))
        except (NikKeyInvalid, sigap_store.NikKeyMismatch) as error:
            st.session_state[REFUSED] = f"{t('data_refused', lang)} {for_markdown(error)}"
            return
        finally:
            bar.empty()
        st.session_state[LAST_IMPORT] = result.as_dict()
        st.session_state["w_import"] = result.import_id  # the history tab opens on this import's quarantine


    def history_tab() -> None:
        scores = quality.as_percent(report_history())
        if scores.empty:
            st.info(t("data_history_empty", lang))
            return
        show_table(scores.assign(kind=scores["kind"].map(lambda k: t("data_kind_" + k, lang))), HISTORY, "riwayat_impor")
        chosen = st.selectbox(t("data_pick_import", lang), scores["import_id"].tolist(), key="w_import",
                              format_func=lambda i: f"#{i} · {scores.set_index('import_id').at[i, 'file_name']}")
        st.subheader(f"{t('data_quarantine', lang)} · #{chosen}")
        st.caption(t("data_quarantine_help", lang))
        rejected = report.quarantine(con, chosen)
        if rejected.empty:
            st.info(t("data_quarantine_empty", lang))
        else:
            rows_table(rejected, f"karantina_{chosen}")
        notes = report.import_warnings(con, chosen)
        if len(notes):
            st.markdown(f"**{t('data_warning_rows', lang)}**")
            rows_table(notes, f"catatan_{chosen}")
        st.markdown(f"**{t('data_field_completeness', lang)}**")
        show_table(quality.as_percent(quality.field_completeness(con, chosen)),
                   COMPLETENESS, f"kelengkapan_{chosen}")


    def report_history():
        return quality.import_scores(con).assign(
            started_at=lambda f: f["started_at"].astype("datetime64[s]").dt.strftime("%Y-%m-%d %H:%M"))


    def quality_tab() -> None:
        kind = widgets.choice(t("data_quality_kind", lang), "kualitas", list(quality.KINDS_WITH_KECAMATAN),
                              lambda k: t("data_kind_" + k, lang), horizontal=True)
        st.subheader(t("data_quality_by_kecamatan", lang))
        show_table(quality.as_percent(quality.kecamatan_scores(con, kind)), BY_AREA, f"kualitas_kecamatan_{kind}")


    def boundary_tab() -> None:
        refused_click()
        done = st.session_state.pop(LAST_BOUNDARY, None)
        if done:
            st.success(t("data_boundary_done", lang).format(level=done["level"], count=done["features"]),
                       icon=":material/check_circle:")
        stored = report.stored_boundaries(con)
        if len(stored):
            st.markdown(f"**{t('data_boundary_current', lang)}**")
            st.dataframe(stored.rename(columns={"level": t("col_level", lang), "areas": t("col_areas", lang),
                                                "import_id": t("col_import_id", lang), "file_name": t("col_file", lang),
                                                "loaded_at": t("col_when", lang)}), hide_index=True, width="stretch")
        upload = st.file_uploader(t("data_boundary_upload", lang), type=["geojson", "json"], key="w_boundary")
        if upload is None:
            return
        try:
            parsed = boundaries.parse_boundaries(upload.getvalue())
        except FileRefused as refusal:
            st.error(f"{t('data_refused', lang)} {for_markdown(refusal.message(lang))}", icon=":material/block:")
            return
        expected = len(boundaries.level_codes(parsed["level"]))
        st.success(t("data_boundary_ok", lang).format(count=len(parsed["features"]), level=parsed["level"],
                                                      expected=expected))
        st.button(t("data_boundary_load", lang), key="w_boundary_load", icon=":material/map:", on_click=load_boundary,
                  args=(parsed, upload.name))


    def load_boundary(parsed: dict, name: str) -> None:
        person = acting_person()
        if person is None:
            return
        with writing() as writer:
            done = boundaries.load_boundaries(writer, parsed, name, person)
        st.session_state[LAST_BOUNDARY] = done


    tabs = st.tabs([t(key, lang) for key in ("data_tab_import", "data_tab_history", "data_tab_quality",
                                             "data_tab_boundaries")])
    for tab, render in zip(tabs, (import_tab, history_tab, quality_tab, boundary_tab)):
        with tab:
            render()
