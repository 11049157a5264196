"""Bootstrap pip into a new venv for ansible-test without its download.

ansible-test fetches a get-pip script from a host this machine cannot reach,
and uses a copy saved under ~/.ansible/test/cache/ instead when one is there.
`make setup` saves this file there: it installs pip from the interpreter's own
ensurepip, then installs what ansible-test asked for from the package index.
"""

import os
import subprocess
import sys

# Options only get-pip understands; pip itself would reject them.
GET_PIP_ONLY_OPTIONS = {"--no-setuptools", "--no-wheel", "--no-pip"}
SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt"

args = [arg for arg in sys.argv[1:] if arg not in GET_PIP_ONLY_OPTIONS]
subprocess.check_call([sys.executable, "-m", "ensurepip", "--default-pip"], stdout=subprocess.DEVNULL)
cert = ["--cert", SYSTEM_CA_BUNDLE] if os.path.exists(SYSTEM_CA_BUNDLE) else []
subprocess.check_call([sys.executable, "-m", "pip", "install", "--quiet"] + cert + args)
