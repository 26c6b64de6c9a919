# GENERATED FILE - DO NOT EDIT.
#
# buildmaster-gen copies this file from its templates/python/__init__.py into the package
# master.cfg imports (beside it). Edit the source there, then run `npm run generate`;
# `npm run check` fails when this file differs from what buildmaster-gen writes.

"""The fixed Python of the generated master.cfg (buildmaster-gen's templates/python/).

master.cfg holds the fleet as data and calls config.buildmaster_config(); everything
that does not depend on the declarations is here, in an importable package beside
master.cfg. Buildbot keeps imported modules across `buildbot reconfig`, so the classes
and functions defined here keep their identity from one load to the next, and a
scheduler or reporter built from unchanged data compares equal to its previous self
(Buildbot then keeps it instead of replacing it).
"""
