# Run by the new version's Python in the server's environment: migrates the
# tracking store (MLFLOW_BACKEND_STORE_URI) and the auth store (its ini file).
import os
from mlflow.db import commands as tracking
from mlflow.server.auth.config import read_auth_config
from mlflow.server.auth.db.cli import commands as auth
tracking.main(["upgrade", os.environ["MLFLOW_BACKEND_STORE_URI"]], standalone_mode=False)
auth.main(["upgrade", "--url", read_auth_config().database_uri], standalone_mode=False)
