"""Data & kualitas (operator): upload a file, see the validation report before anything is saved, import it;
the quarantine and history of every import; data quality per import and per kecamatan; boundary GeoJSON."""
from sigap_metrics.ui import data_page

data_page.show()
