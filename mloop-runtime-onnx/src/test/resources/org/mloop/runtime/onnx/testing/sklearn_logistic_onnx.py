"""Trains a scikit-learn logistic regression on diabetes CSV data and saves it as an MLflow model in
the onnx flavor, its graph written with onnx.helper from the fitted weights (no skl2onnx), plus
scikit-learn's own predict_proba on the test rows for the Java side to compare with.

    sklearn_logistic_onnx.py --train train.csv --test test.csv --out DIR --layout double|zipmap|columns

Writes DIR/model/ (MLmodel with flavors onnx and python_function and a column signature, model.onnx,
input_example.json, the environment files MLflow writes; no checksums, as MLflow writes none) and
DIR/expected.csv (one row per test row: label, then the probability of each class in classes_ order,
written with repr so no digit is lost). The layouts are the graphs a converter produces:
  double   one double tensor input [N, F]; outputs label (int64 [N]) and probabilities (double [N, 2])
  zipmap   one float tensor input [N, F]; ai.onnx.ml LinearClassifier then ZipMap, as skl2onnx writes
           by default: outputs output_label (int64 [N]) and output_probability (sequence of maps)
  columns  one input per column ([N, 1]: int64 for whole-number columns, double otherwise), cast and
           concatenated, then as double
"""
import argparse
import csv
import json
import os
import uuid
from datetime import datetime, timezone

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper
from sklearn.linear_model import LogisticRegression

LABEL = "Diabetic"
IGNORED = {"PatientID", LABEL}


def read_csv(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], [r for r in rows[1:] if r]
    return header, body


def features(header, body):
    names = [c for c in header if c not in IGNORED]
    index = [header.index(c) for c in names]
    x = np.array([[float(r[k]) for k in index] for r in body], dtype=np.float64)
    whole = [all(float(r[k]).is_integer() and "." not in r[k] for r in body) for k in index]
    y = np.array([int(r[header.index(LABEL)]) for r in body], dtype=np.int64)
    return names, x, y, whole


def linear_double(nodes, inits, x_name, clf):
    """probabilities = [1 - sigmoid(z), sigmoid(z)], z = x W + b; label = classes[argmax]."""
    inits += [
        numpy_helper.from_array(clf.coef_.T.astype(np.float64), "coef"),
        numpy_helper.from_array(clf.intercept_.astype(np.float64), "intercept"),
        numpy_helper.from_array(np.array([1.0], dtype=np.float64), "one"),
        numpy_helper.from_array(clf.classes_.astype(np.int64), "classes"),
    ]
    nodes += [
        helper.make_node("MatMul", [x_name, "coef"], ["z0"]),
        helper.make_node("Add", ["z0", "intercept"], ["z"]),
        helper.make_node("Sigmoid", ["z"], ["p1"]),
        helper.make_node("Sub", ["one", "p1"], ["p0"]),
        helper.make_node("Concat", ["p0", "p1"], ["probabilities"], axis=1),
        helper.make_node("ArgMax", ["probabilities"], ["index"], axis=1, keepdims=0),
        helper.make_node("Gather", ["classes", "index"], ["label"], axis=0),
    ]
    return [helper.make_tensor_value_info("label", TensorProto.INT64, ["N"]),
            helper.make_tensor_value_info("probabilities", TensorProto.DOUBLE, ["N", 2])]


def graph(layout, names, whole, clf):
    nodes, inits = [], []
    if layout == "double":
        inputs = [helper.make_tensor_value_info("input", TensorProto.DOUBLE, ["N", len(names)])]
        outputs = linear_double(nodes, inits, "input", clf)
    elif layout == "columns":
        inputs, parts = [], []
        for name, integral in zip(names, whole):
            inputs.append(helper.make_tensor_value_info(name, TensorProto.INT64 if integral else TensorProto.DOUBLE,
                                                        ["N", 1]))
            if integral:
                nodes.append(helper.make_node("Cast", [name], [name + "_double"], to=TensorProto.DOUBLE))
                parts.append(name + "_double")
            else:
                parts.append(name)
        nodes.append(helper.make_node("Concat", parts, ["input"], axis=1))
        outputs = linear_double(nodes, inits, "input", clf)
    elif layout == "zipmap":
        inputs = [helper.make_tensor_value_info("float_input", TensorProto.FLOAT, ["N", len(names)])]
        w, b = clf.coef_[0], clf.intercept_[0]
        classes = [int(c) for c in clf.classes_]
        nodes += [
            helper.make_node("LinearClassifier", ["float_input"], ["output_label", "probability_tensor"],
                             domain="ai.onnx.ml", classlabels_ints=classes,
                             coefficients=[float(v) for v in np.concatenate([-w, w])],
                             intercepts=[float(-b), float(b)], multi_class=0, post_transform="LOGISTIC"),
            helper.make_node("Normalizer", ["probability_tensor"], ["probabilities"], domain="ai.onnx.ml", norm="L1"),
            helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain="ai.onnx.ml",
                             classlabels_int64s=classes),
        ]
        probability_map = onnx.TypeProto()  # map(int64, tensor(float)); onnx.helper of 1.12 has no maker for it
        probability_map.map_type.key_type = TensorProto.INT64
        probability_map.map_type.value_type.CopyFrom(helper.make_tensor_type_proto(TensorProto.FLOAT, None))
        outputs = [helper.make_tensor_value_info("output_label", TensorProto.INT64, ["N"]),
                   helper.make_value_info("output_probability", helper.make_sequence_type_proto(probability_map))]
    else:
        raise SystemExit("unknown layout " + layout)
    g = helper.make_graph(nodes, "diabetes_logistic_regression", inputs, outputs, inits)
    model = helper.make_model(g, producer_name="mloop-test", opset_imports=[
        helper.make_opsetid("", 13), helper.make_opsetid("ai.onnx.ml", 1)])
    model.ir_version = 8
    onnx.checker.check_model(model)
    return model


def quoted(s):
    return json.dumps(s)


def write_mlflow_folder(folder, model, names, whole, layout, test_x):
    os.makedirs(folder)
    onnx.save_model(model, os.path.join(folder, "model.onnx"))
    inputs = [{"type": "long" if w else "double", "name": n, "required": True} for n, w in zip(names, whole)]
    outputs = [{"type": "long", "name": LABEL, "required": True}]
    example = {"columns": names, "data": [[int(v) if w else float(v) for v, w in zip(row, whole)] for row in test_x[:3]]}
    with open(os.path.join(folder, "input_example.json"), "w") as f:
        json.dump(example, f)
    with open(os.path.join(folder, "requirements.txt"), "w") as f:
        f.write("mlflow==2.17.2\nonnx==%s\nonnxruntime\nscikit-learn\n" % onnx.__version__)
    with open(os.path.join(folder, "python_env.yaml"), "w") as f:
        f.write("python: 3.11.2\nbuild_dependencies:\n- pip\ndependencies:\n- -r requirements.txt\n")
    with open(os.path.join(folder, "conda.yaml"), "w") as f:
        f.write("channels:\n- conda-forge\ndependencies:\n- python=3.11.2\n- pip\n- pip:\n  - mlflow==2.17.2\n"
                "  - onnx==%s\n  - onnxruntime\nname: mlflow-env\n" % onnx.__version__)
    size = sum(os.path.getsize(os.path.join(folder, n)) for n in os.listdir(folder))
    metadata = ""
    if layout == "double":  # the other layouts rely on what mloop infers: classes from the graph, positive the greater
        metadata = "metadata:\n  label: %s\n  positive_class: '1'\n" % LABEL
    created = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M:%S.%f")
    with open(os.path.join(folder, "MLmodel"), "w") as f:
        f.write("artifact_path: model\n"
                "flavors:\n"
                "  onnx:\n"
                "    code: null\n"
                "    data: model.onnx\n"
                "    onnx_session_options: null\n"
                "    onnx_version: %s\n"
                "    providers:\n"
                "    - CUDAExecutionProvider\n"
                "    - CPUExecutionProvider\n"
                "  python_function:\n"
                "    code: null\n"
                "    data: model.onnx\n"
                "    env:\n"
                "      conda: conda.yaml\n"
                "      virtualenv: python_env.yaml\n"
                "    loader_module: mlflow.onnx\n"
                "    python_version: 3.11.2\n"
                "%s"
                "mlflow_version: 2.17.2\n"
                "model_size_bytes: %d\n"
                "model_uuid: %s\n"
                "saved_input_example_info:\n"
                "  artifact_path: input_example.json\n"
                "  pandas_orient: split\n"
                "  type: dataframe\n"
                "signature:\n"
                "  inputs: %s\n"
                "  outputs: %s\n"
                "  params: null\n"
                "utc_time_created: '%s'\n"
                % (onnx.__version__, metadata, size, uuid.uuid4().hex, quoted(json.dumps(inputs)),
                   quoted(json.dumps(outputs)), created))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--layout", default="double", choices=["double", "zipmap", "columns"])
    args = parser.parse_args()

    header, train = read_csv(args.train)
    names, x, y, whole = features(header, train)
    test_header, test = read_csv(args.test)
    if test_header != header:
        raise SystemExit("test columns %s differ from training columns %s" % (test_header, header))
    _, test_x, _, _ = features(header, test)

    clf = LogisticRegression(max_iter=10000).fit(x, y)
    write_mlflow_folder(os.path.join(args.out, "model"), graph(args.layout, names, whole, clf), names, whole,
                        args.layout, test_x)
    probabilities = clf.predict_proba(test_x)
    labels = clf.predict(test_x)
    with open(os.path.join(args.out, "expected.csv"), "w") as f:
        f.write("label," + ",".join(str(c) for c in clf.classes_) + "\n")
        for label, row in zip(labels, probabilities):
            f.write(str(label) + "," + ",".join(repr(float(p)) for p in row) + "\n")


if __name__ == "__main__":
    main()
