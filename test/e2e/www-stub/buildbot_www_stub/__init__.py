# Stand-in for the buildbot-www package (the web front end), which Debian does
# not ship. buildbot.www.service refuses to start the web server -- and with it
# the REST API the end-to-end tests use -- unless a `buildbot.www` entry point
# named `base` exists. This one serves no UI, only an empty static folder.
#
# The view plugins a production config names (the 2026 fleet's waterfall,
# console and grid views, and wsgi_dashboards) are stood in for the same way:
# Buildbot refuses to start when a configured plugin is not installed. They
# take their configuration and serve nothing.
from buildbot.www.plugin import Application

ep = Application(__name__, "buildmaster-gen e2e stand-in for buildbot-www", ui=False)
console_view = Application(__name__, "e2e stand-in for buildbot-console-view", ui=False)
grid_view = Application(__name__, "e2e stand-in for buildbot-grid-view", ui=False)
waterfall_view = Application(__name__, "e2e stand-in for buildbot-waterfall-view", ui=False)
wsgi_dashboards = Application(__name__, "e2e stand-in for buildbot-wsgi-dashboards", ui=False)
