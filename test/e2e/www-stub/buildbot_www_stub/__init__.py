# Stand-in for the buildbot-www package (the web front end), which Debian does
# not ship. buildbot.www.service refuses to start the web server -- and with it
# the REST API the end-to-end tests use -- unless a `buildbot.www` entry point
# named `base` exists. This one serves no UI, only an empty static folder.
from buildbot.www.plugin import Application

ep = Application(__name__, "buildmaster-gen e2e stand-in for buildbot-www", ui=False)
