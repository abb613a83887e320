-- MLflow's backend store: its own database on the platform's server, as MLFLOW_BACKEND_DB in the local stack.
CREATE DATABASE mlflow OWNER segmentation;
