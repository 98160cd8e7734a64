#!/usr/bin/python3
"""Reference vectors for robucap's DJL ResNet-18, from torchvision's resnet18.

Run with Debian's torch (apt-get install python3-torch python3-torchvision):
    /usr/bin/python3 tools/reference/resnet18_reference.py > services/ml/src/test/resources/reference/resnet18.json

Writes one JSON object:
  layers:       every module with parameters of resnet18(num_classes=1000), in forward order: name, type,
                output shape for a (1, 3, 224, 224) input, trainable parameters
  trainable_parameters: the total for 1000 classes
  state:        resnet18(num_classes=10)'s state_dict entries (num_batches_tracked left out): name, shape, trainable
  logits_eval / logits_train / bn1_running_mean / bn1_running_var:
                for num_classes=10 with deterministic weights (below) on the deterministic input (2, 3, 64, 64):
                logits in eval mode, then logits of one forward in train mode and bn1's running statistics after it.

Deterministic values (so that no weights need to be shipped): tensor number t of the state (in order), element i
(row-major) gets s(t, i) = sin(0.7 i + 1.1 t + 0.3), computed in float64 and scaled per kind:
  conv and fc weight: s / sqrt(fan_in); bn weight 1 + 0.1 s; bn bias, running mean, fc bias: 0.1 s;
  running var: 1 + 0.25 (s + 1). The input element i is sin(0.05 i).
"""
import json
import math

import numpy as np
import torch
import torchvision


def deterministic(t, name, shape):
    n = int(np.prod(shape))
    s = np.sin(0.7 * np.arange(n, dtype=np.float64) + 1.1 * t + 0.3)
    if name.endswith("running_var"):
        v = 1 + 0.25 * (s + 1)
    elif name.endswith("weight") and len(shape) > 1:
        v = s / math.sqrt(int(np.prod(shape[1:])))
    elif name.endswith("weight"):
        v = 1 + 0.1 * s
    else:
        v = 0.1 * s
    return torch.from_numpy(v.astype(np.float32).reshape(shape))


def layer_table():
    model = torchvision.models.resnet18()
    rows = []

    def hook(name):
        def record(module, inputs, output):
            rows.append({"name": name, "type": type(module).__name__, "output_shape": list(output.shape),
                         "trainable_parameters": sum(p.numel() for p in module.parameters() if p.requires_grad)})
        return record

    for name, module in model.named_modules():
        if len(list(module.children())) == 0 and len(list(module.parameters())) > 0:
            module.register_forward_hook(hook(name))
    with torch.no_grad():
        model.eval()(torch.zeros(1, 3, 224, 224))
    total = sum(p.numel() for p in model.parameters() if p.requires_grad)
    return rows, total


def forward_vectors():
    model = torchvision.models.resnet18(num_classes=10)
    trainable = {name for name, _ in model.named_parameters()}
    state = [(name, tensor) for name, tensor in model.state_dict().items() if not name.endswith("num_batches_tracked")]
    with torch.no_grad():
        for t, (name, tensor) in enumerate(state):
            tensor.copy_(deterministic(t, name, tuple(tensor.shape)))
        x = torch.from_numpy(np.sin(0.05 * np.arange(2 * 3 * 64 * 64, dtype=np.float64))
                             .astype(np.float32).reshape(2, 3, 64, 64))
        logits_eval = model.eval()(x)
        logits_train = model.train()(x)
    return {
        "state": [{"name": n, "shape": list(t.shape), "trainable": n in trainable} for n, t in state],
        "input_shape": [2, 3, 64, 64],
        "logits_eval": logits_eval.flatten().tolist(),
        "logits_train": logits_train.flatten().tolist(),
        "bn1_running_mean": model.bn1.running_mean.tolist(),
        "bn1_running_var": model.bn1.running_var.tolist(),
    }


def main():
    torch.set_num_threads(1)
    layers, total = layer_table()
    out = {"torch": torch.__version__, "torchvision": torchvision.__version__,
           "layers": layers, "trainable_parameters": total}
    out.update(forward_vectors())
    print(json.dumps(out, indent=1))


if __name__ == "__main__":
    main()
