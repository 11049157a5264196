"""Concert's example model project: a classifier trained, gated and registered on stage 5's MLflow."""
