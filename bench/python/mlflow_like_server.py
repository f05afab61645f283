"""The Python comparator of the scoring benchmark: what `mlflow models serve` does for a scikit-learn model.

FastAPI + uvicorn; each request's JSON becomes a pandas DataFrame (with the signature's column types
enforced), then the scikit-learn LogisticRegression's predict and predict_proba run on it and the
answer goes back as JSON. Request shapes: the Azure ML `/score` body (`{"input_data": {"columns",
"index", "data"}}` or `{"input_data": [[...]]}`) and MLflow's `/invocations` (`dataframe_split`,
`dataframe_records`). `GET /ping` and `/health` answer 200 once the model is loaded, as MLflow's do.

The model is OUR trained logistic regression: the benchmark writes its weights in signature order to
a JSON file (columns, column types, classes, coef, intercept, and a few rows with the probabilities
mloop computed for them); they are copied into a scikit-learn LogisticRegression through coef_,
intercept_ and classes_, and every worker checks the check rows before it serves.

    /usr/bin/python3 bench/python/mlflow_like_server.py --model weights.json --port 5001 [--workers N]

Only Debian's packages: python3-fastapi, python3-uvicorn, python3-sklearn, python3-pandas.
"""

import argparse
import json
import os
import sys

MODEL_ENV = "MLOOP_BENCH_SKLEARN_MODEL"


def load_model(path):
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    with open(path, encoding="utf-8") as f:
        spec = json.load(f)
    columns = spec["columns"]
    model = LogisticRegression()
    # A model fitted on a DataFrame has these; predict then checks the request's column names against them.
    model.classes_ = np.array(spec["classes"])
    model.coef_ = np.array([spec["coef"]], dtype=np.float64)
    model.intercept_ = np.array([spec["intercept"]], dtype=np.float64)
    model.n_features_in_ = len(columns)
    model.feature_names_in_ = np.array(columns, dtype=object)
    dtypes = {c: ("int64" if t == "long" else "float64") for c, t in zip(columns, spec["types"])}

    import pandas as pd

    check = spec["check"]
    frame = pd.DataFrame(check["rows"], columns=columns).astype(dtypes)
    got = model.predict_proba(frame)[:, list(model.classes_).index(spec["positive"])]
    worst = float(np.max(np.abs(got - np.array(check["probability"]))))
    if worst > 1e-9:
        raise SystemExit(f"{path}: the copied weights give probabilities up to {worst} away from mloop's")
    return model, columns, dtypes


def create_app():
    import pandas as pd
    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse, Response

    model, columns, dtypes = load_model(os.environ[MODEL_ENV])
    classes = model.classes_.tolist()
    app = FastAPI()

    def error(message):
        return JSONResponse({"error_code": "BAD_REQUEST", "message": message}, status_code=400)

    def frame_from_split(split):
        data = split.get("data")
        if not isinstance(data, list):
            raise ValueError("'data' must be a list of rows")
        return pd.DataFrame(data=data, columns=split.get("columns", columns), index=split.get("index"))

    def score(frame):
        # MLflow's schema enforcement: every signature column present, each cast to its type.
        missing = [c for c in columns if c not in frame.columns]
        if missing:
            raise ValueError(f"missing columns {missing}")
        frame = frame[columns].astype(dtypes)
        labels = model.predict(frame)
        probabilities = model.predict_proba(frame)
        return {"predictions": labels.tolist(), "probabilities": probabilities.tolist(), "classes": classes}

    @app.get("/ping")
    @app.get("/health")
    async def health():
        return Response(content="\n", media_type="application/json")

    @app.post("/score")
    async def azure_score(request: Request):
        try:
            body = json.loads(await request.body())
            data = body["input_data"]
            frame = frame_from_split(data) if isinstance(data, dict) else pd.DataFrame(data, columns=columns)
            return JSONResponse(score(frame))
        except (ValueError, KeyError, TypeError) as e:
            return error(str(e))

    @app.post("/invocations")
    async def invocations(request: Request):
        try:
            body = json.loads(await request.body())
            if "dataframe_split" in body:
                frame = frame_from_split(body["dataframe_split"])
            elif "dataframe_records" in body:
                frame = pd.DataFrame.from_records(body["dataframe_records"])
            else:
                return error("expected 'dataframe_split' or 'dataframe_records'")
            return JSONResponse(score(frame))
        except (ValueError, KeyError, TypeError) as e:
            return error(str(e))

    return app


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", required=True, help="the weights JSON the benchmark wrote")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=5001)
    parser.add_argument("--workers", type=int, default=os.cpu_count(), help="uvicorn workers (default: cores)")
    args = parser.parse_args()
    load_model(args.model)  # fail here, once, rather than in every worker
    os.environ[MODEL_ENV] = os.path.abspath(args.model)
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))  # workers import this module by name

    import uvicorn

    # No access log: one line per request would cost the comparator throughput mloop does not pay.
    uvicorn.run("mlflow_like_server:create_app", factory=True, host=args.host, port=args.port,
                workers=args.workers, access_log=False, log_level="warning")


if __name__ == "__main__":
    main()
