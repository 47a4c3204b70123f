"""What each command shows: the JSON object of a record and the columns of its table.

The output contract lives here. ``base`` holds the shapes (Column, Listing, Detail) that
renderers print; the modules beside it fill them, one kind of thing each. Nothing
here reads files or imports the loader: a view is given the records it shows.
"""

from kzfp_cli.views.base import (
    WIDE,
    Column,
    Detail,
    Listing,
    Output,
    Record,
    date_or_blank,
    flatten_record,
    iso_or_none,
)
from kzfp_cli.views.contract import fields_listing, schema_listing, schema_property_listing
from kzfp_cli.views.dataset import BAR_WIDTH, about_detail, stats_detail
from kzfp_cli.views.events import EVENT_FIELDS, event_detail, event_listing, event_record
from kzfp_cli.views.hits import HIT_FIELDS, hit_record, search_listing
from kzfp_cli.views.problems import problem_listing
from kzfp_cli.views.reference import (
    ORG_FIELDS,
    PARTNER_FIELDS,
    THEME_FIELDS,
    org_detail_view,
    org_listing,
    org_record,
    partner_detail,
    partner_identifiers,
    partner_listing,
    partner_record,
    theme_listing,
)

__all__ = [
    "BAR_WIDTH",
    "EVENT_FIELDS",
    "HIT_FIELDS",
    "ORG_FIELDS",
    "PARTNER_FIELDS",
    "THEME_FIELDS",
    "WIDE",
    "Column",
    "Detail",
    "Listing",
    "Output",
    "Record",
    "about_detail",
    "date_or_blank",
    "event_detail",
    "event_listing",
    "event_record",
    "fields_listing",
    "flatten_record",
    "hit_record",
    "iso_or_none",
    "org_detail_view",
    "org_listing",
    "org_record",
    "partner_detail",
    "partner_identifiers",
    "partner_listing",
    "partner_record",
    "problem_listing",
    "schema_listing",
    "schema_property_listing",
    "search_listing",
    "stats_detail",
    "theme_listing",
]
