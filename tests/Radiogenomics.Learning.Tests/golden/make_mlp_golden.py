#!/usr/bin/python3
"""Reference training runs of the bridge's MLP family in PyTorch (Debian's python3-torch 1.13.1, the same
libtorch the bridge links). Each case fixes data, initial weights (drawn here by the bridge's documented rule),
batch orders and the dropout stream, trains a few epochs and records the loss trajectory and the final weights.
MlpParityTests replays the cases through the bridge and compares. Run: /usr/bin/python3 make_mlp_golden.py
"""
import json
import math
import os

import numpy as np
import torch

torch.set_num_threads(1)
HERE = os.path.dirname(os.path.abspath(__file__))


def init_layers(sizes, seed, init):
    g = torch.Generator().manual_seed(seed)
    layers = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        w = torch.empty(fan_out, fan_in)
        b = torch.empty(fan_out)
        if init == "glorot_uniform":
            limit = math.sqrt(6.0 / (fan_in + fan_out))
            w.uniform_(-limit, limit, generator=g)
            b.zero_()
        else:
            bound = 1.0 / math.sqrt(fan_in)
            w.uniform_(-bound, bound, generator=g)
            b.uniform_(-bound, bound, generator=g)
        layers.append((w.requires_grad_(), b.requires_grad_()))
    return layers


def activate(x, name):
    return {"relu": torch.relu, "tanh": torch.tanh, "selu": torch.selu}[name](x)


def forward(layers, x, model, generator=None):
    for w, b in layers[:-1]:
        x = activate(torch.nn.functional.linear(x, w, b), model["activation"])
        p = model["dropout"]
        if generator is not None and p > 0:
            keep = torch.rand(x.shape, generator=generator, dtype=torch.float32) < 1.0 - p
            x = x * keep.to(x.dtype) / (1.0 - p)
    w, b = layers[-1]
    x = torch.nn.functional.linear(x, w, b)
    out = model["output_activation"]
    return {"linear": lambda v: v, "relu": torch.relu, "sigmoid": torch.sigmoid, "tanh": torch.tanh}[out](x)


def cox_loss(risk, target):
    r = risk.reshape(-1)
    time, event = target[:, 0], target[:, 1]
    t_sorted, index = torch.sort(time, stable=True, descending=True)
    t = t_sorted.double().tolist()
    n = len(t)
    ends = [0] * n
    for i in range(n - 1, -1, -1):
        ends[i] = ends[i + 1] if i + 1 < n and t[i + 1] == t[i] else i
    r_sorted = r.index_select(0, index)
    e_sorted = event.index_select(0, index)
    log_risk_set = torch.logcumsumexp(r_sorted, 0).index_select(0, torch.tensor(ends, dtype=torch.int64))
    events = e_sorted.sum().item()
    if events == 0:
        return (r * 0).sum()
    return -((r_sorted - log_risk_set) * e_sorted).sum() / events


def loss_of(name, outputs, targets):
    if name == "cox":
        return cox_loss(outputs, targets)
    y = targets.reshape(outputs.shape)
    if name == "bce":
        return torch.nn.functional.binary_cross_entropy_with_logits(outputs, y)
    if name == "mae":
        return torch.nn.functional.l1_loss(outputs, y)
    return torch.nn.functional.mse_loss(outputs, y)


def learning_rate(trainer, steps, epochs):
    base = trainer["learning_rate"]
    schedule = trainer.get("schedule", "constant")
    if schedule == "step":
        return base * trainer["gamma"] ** (epochs // trainer["step_size"])
    if schedule == "exponential":
        return base * trainer["gamma"] ** epochs
    if schedule == "inverse_time":
        return base / (1.0 + trainer["decay_rate"] * steps)
    return base


def run_case(name, model, trainer, x, y, xv, yv, epochs, data_seed):
    sizes = [model["input_size"], *model["hidden"], model["output_size"]]
    layers = init_layers(sizes, model["seed"], model["init"])
    initial = {}
    for i, (w, b) in enumerate(layers):
        initial[f"layers.{i}.weight"] = w.detach().reshape(-1).tolist()
        initial[f"layers.{i}.bias"] = b.detach().reshape(-1).tolist()
    params = [p for layer in layers for p in layer]
    if trainer["optimizer"] == "sgd":
        opt = torch.optim.SGD(params, lr=trainer["learning_rate"], momentum=trainer.get("momentum", 0.0),
                              nesterov=trainer.get("nesterov", False), weight_decay=trainer.get("weight_decay", 0.0))
    else:
        opt = torch.optim.Adam(params, lr=trainer["learning_rate"], betas=(0.9, 0.999), eps=1e-7,
                               weight_decay=trainer.get("weight_decay", 0.0))
    g = torch.Generator().manual_seed(trainer["seed"])
    rng = np.random.default_rng(data_seed + 1)
    X, Y = torch.tensor(x), torch.tensor(y)
    XV, YV = torch.tensor(xv), torch.tensor(yv)
    orders, train_losses, val_losses = [], [], []
    steps = 0
    batch = trainer["batch_size"]
    for epoch in range(epochs):
        order = rng.permutation(len(x)).tolist()
        orders.append(order)
        total, seen = 0.0, 0
        for start in range(0, len(order), batch):
            rows = torch.tensor(order[start:start + batch], dtype=torch.int64)
            for group in opt.param_groups:
                group["lr"] = learning_rate(trainer, steps, epoch)
            opt.zero_grad()
            loss = loss_of(trainer["loss"], forward(layers, X.index_select(0, rows), model, g), Y.index_select(0, rows))
            loss.backward()
            opt.step()
            steps += 1
            total += loss.item() * len(rows)
            seen += len(rows)
        train_losses.append(total / seen)
        with torch.no_grad():
            val_losses.append(loss_of(trainer["loss"], forward(layers, XV, model), YV).item())
    final = {}
    for i, (w, b) in enumerate(layers):
        final[f"layers.{i}.weight"] = w.detach().reshape(-1).tolist()
        final[f"layers.{i}.bias"] = b.detach().reshape(-1).tolist()
    with torch.no_grad():
        predictions = forward(layers, XV, model).reshape(-1).tolist()
    case = {"name": name, "model": model, "trainer": trainer, "epochs": epochs,
            "inputs": x.reshape(-1).tolist(), "targets": y.reshape(-1).tolist(), "target_width": y.shape[1],
            "validation_inputs": xv.reshape(-1).tolist(), "validation_targets": yv.reshape(-1).tolist(),
            "orders": orders, "initial": initial, "train_losses": train_losses, "validation_losses": val_losses,
            "final": final, "validation_predictions": predictions}
    with open(os.path.join(HERE, f"mlp_{name}.json"), "w") as f:
        json.dump(case, f)
    print(name, ["%.6f" % v for v in train_losses], ["%.6f" % v for v in val_losses])


def main():
    n, nv, p = 48, 20, 6
    # Cox: survival times with ties (rounded), about 70 % events.
    rng = np.random.default_rng(11)
    x = rng.normal(size=(n + nv, p)).astype(np.float32)
    hazard = np.exp(0.8 * x[:, 0] - 0.5 * x[:, 1])
    time = np.round(rng.exponential(1.0 / hazard) * 4) / 4 + 0.25
    event = (rng.uniform(size=n + nv) < 0.7).astype(np.float32)
    y = np.stack([time, event], axis=1).astype(np.float32)
    run_case("cox", {"kind": "mlp", "input_size": p, "hidden": [8, 4], "output_size": 1, "activation": "relu",
                     "output_activation": "linear", "dropout": 0.2, "init": "pytorch", "seed": 101},
             {"optimizer": "adam", "learning_rate": 0.01, "weight_decay": 1e-3, "batch_size": 16, "loss": "cox",
              "schedule": "exponential", "gamma": 0.9, "seed": 7},
             x[:n], y[:n], x[n:], y[n:], 6, 11)

    # Binary cross-entropy on logits: SGD with momentum and step decay, SELU.
    rng = np.random.default_rng(12)
    x = rng.normal(size=(n + nv, p)).astype(np.float32)
    label = (x[:, 0] + 0.5 * x[:, 2] + rng.normal(scale=0.7, size=n + nv) > 0).astype(np.float32)[:, None]
    run_case("bce", {"kind": "mlp", "input_size": p, "hidden": [10], "output_size": 1, "activation": "selu",
                     "output_activation": "linear", "dropout": 0.0, "init": "pytorch", "seed": 202},
             {"optimizer": "sgd", "learning_rate": 0.05, "momentum": 0.9, "weight_decay": 1e-4, "batch_size": 10,
              "loss": "bce", "schedule": "step", "step_size": 2, "gamma": 0.5, "seed": 8},
             x[:n], label[:n], x[n:], label[n:], 5, 12)

    # Mean absolute error with non-negative outputs, tanh, dropout 0.25, Glorot initialisation (Smedley & Hsu).
    rng = np.random.default_rng(13)
    x = rng.normal(size=(n + nv, p)).astype(np.float32)
    w = rng.normal(size=(p, 3)).astype(np.float32)
    targets = np.abs(x @ w + rng.normal(scale=0.3, size=(n + nv, 3))).astype(np.float32)
    run_case("mae", {"kind": "mlp", "input_size": p, "hidden": [12, 6], "output_size": 3, "activation": "tanh",
                     "output_activation": "relu", "dropout": 0.25, "init": "glorot_uniform", "seed": 303},
             {"optimizer": "adam", "learning_rate": 0.005, "batch_size": 16, "loss": "mae", "seed": 9},
             x[:n], targets[:n], x[n:], targets[n:], 5, 13)

    # MSE reconstruction: a tanh autoencoder 8-6-3-6-8, SGD with Nesterov momentum and Keras' time-based decay.
    rng = np.random.default_rng(14)
    latent = rng.normal(size=(n + nv, 2))
    x = (latent @ rng.normal(size=(2, 8)) + rng.normal(scale=0.2, size=(n + nv, 8))).astype(np.float32)
    run_case("mse", {"kind": "mlp", "input_size": 8, "hidden": [6, 3, 6], "output_size": 8, "activation": "tanh",
                     "output_activation": "linear", "dropout": 0.0, "init": "glorot_uniform", "seed": 404},
             {"optimizer": "sgd", "learning_rate": 0.05, "momentum": 0.9, "nesterov": True, "batch_size": 12,
              "loss": "mse", "schedule": "inverse_time", "decay_rate": 0.01, "seed": 10},
             x[:n], x[:n], x[n:], x[n:], 6, 14)

    with open(os.path.join(HERE, "versions_mlp.txt"), "w") as f:
        f.write(f"python {'.'.join(map(str, __import__('sys').version_info[:3]))}\n"
                f"torch {torch.__version__}\nnumpy {np.__version__}\n")


if __name__ == "__main__":
    main()
