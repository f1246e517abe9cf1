"""PyTorch peer of `migsim-bench pinn-step`: the same PINN loss (SPEC §4.3) on the same data.

Reads PREFIX.json written by migsim-bench (constants in network units, layer sizes, weights, θ),
rebuilds the loss in PyTorch (float64, CPU) with the same Taylor-mode propagation of u̇ and ü
through the layers, checks that value and gradient agree with migsim's, then times one training
step (forward + backward) the way a PyTorch user writes it: CPU seconds (time.process_time) and wall
seconds of each step, medians and minima, on one thread (torch.set_num_threads(1)). A second variant obtains u̇ and ü with
torch.func's nested forward-mode jvp (the library's own route to input derivatives).

Usage: python3 bench/pinn_peer.py PREFIX MIGSIM_RESULT.json [REPEATS]
"""
import json
import sys
import time

import torch
import torch.func as tf

torch.set_default_dtype(torch.float64)
torch.set_num_threads(1)  # one thread each side (migsim's step is single-threaded)


def tensor(d):
    return torch.tensor(d["values"], dtype=torch.float64).reshape(d["rows"], d["cols"])


def layers(theta, sizes):
    out, off = [], 0
    for n, m in zip(sizes, sizes[1:]):
        w = theta[off:off + m * n].reshape(m, n)
        off += m * n
        b = theta[off:off + m]
        off += m
        out.append((w, b))
    return out


def jet(params, t):
    """Taylor mode: (u, du/dt, d2u/dt2) for a scalar input t (N×1), tanh hidden layers."""
    a = t
    da = d2a = None
    for l, (w, b) in enumerate(params):
        z = a @ w.T + b
        if l == len(params) - 1:
            return z, da @ w.T, d2a @ w.T
        y = torch.tanh(z)
        s1 = 1 - y * y
        s2 = -2 * y * s1
        if l == 0:
            dz = w.T  # 1×out: in = 1
            da = s1 * dz
            d2a = s2 * dz * dz
        else:
            dz, d2z = da @ w.T, d2a @ w.T
            da = s1 * dz
            d2a = s2 * dz * dz + s1 * d2z
        a = y


def forward(params, x):
    a = x
    for l, (w, b) in enumerate(params):
        z = a @ w.T + b
        a = z if l == len(params) - 1 else torch.tanh(z)
    return a


def jet_functorch(params, t):
    """u, u̇, ü by nested forward-mode jvp over the plain forward pass."""
    f = lambda s: forward(params, s)
    ones = torch.ones_like(t)
    first = lambda s: tf.jvp(f, (s,), (ones,))[1]
    u, du = tf.jvp(f, (t,), (ones,))
    _, d2u = tf.jvp(first, (t,), (ones,))
    return u, du, d2u


def make_loss(desc, jet_fn):
    c = {k: tensor(desc[k]) for k in ["tauObservations", "targetObservations", "tauCollocation", "targetInterpolation",
                                      "logDistanceKernel", "offDiagonal", "similarity", "immobility", "means"]}
    su, sf = desc["solutionLayers"], desc["forceLayers"]
    pu = sum(m * n + m for n, m in zip(su, su[1:]))
    pf = sum(m * n + m for n, m in zip(sf, sf[1:]))
    order, learned, values = desc["physicalOrder"], set(desc["learned"]), desc["physicalValues"]
    w = desc["weights"]
    sigma, big_t, s_f = desc["sigma"], desc["timeScale"], desc["forceScale"]

    def loss(theta):
        tu, tfo = theta[:pu], theta[pu:pu + pf]
        phys = {}
        for k, name in enumerate(order):
            phys[name] = torch.exp(theta[pu + pf + k]) if name in learned else torch.tensor(values[k])
        pu_layers, pf_layers = layers(tu, su), layers(tfo, sf)
        data = ((forward(pu_layers, c["tauObservations"]) - c["targetObservations"]) ** 2).mean()
        v, d1, d2 = jet_fn(pu_layers, c["tauCollocation"])
        interp = ((v - c["targetInterpolation"]) ** 2).mean()
        u = c["means"] + sigma * v
        u_dot = (sigma / big_t) * d1
        u_ddot = (sigma / (big_t * big_t)) * d2
        k = phys["alpha"] * (torch.exp(-(phys["gamma"] * c["logDistanceKernel"])) * c["offDiagonal"]) \
            + phys["beta"] * c["similarity"]
        lap = u * k.sum(dim=0, keepdim=True) - u @ k
        age = phys["delta"] * (u * c["immobility"])
        fv, _, f2 = jet_fn(pf_layers, c["tauCollocation"])
        residual = phys["inertia"] * u_ddot + phys["damping"] * u_dot + lap + age - s_f * fv
        physics = (((1 / s_f) * residual) ** 2).mean()
        smooth = (f2 ** 2).mean()
        decay = (tu ** 2).sum() + (tfo ** 2).sum()
        total = w["data"] * data + w["physics"] * physics
        if w["interpolation"] > 0:
            total = total + w["interpolation"] * interp
        if w["forceSmoothness"] > 0:
            total = total + w["forceSmoothness"] * smooth
        if w["weightDecay"] > 0:
            total = total + w["weightDecay"] * decay
        return total

    return loss


def step_time(loss, theta0, repeats):
    theta = theta0.clone().requires_grad_(True)

    def step():
        theta.grad = None
        value = loss(theta)
        value.backward()
        return value

    for _ in range(20):
        step()
    samples, cpu = [], []
    for _ in range(repeats):
        t0, c0 = time.perf_counter(), time.process_time()
        step()
        cpu.append(time.process_time() - c0)
        samples.append(time.perf_counter() - t0)
    samples.sort()
    cpu.sort()
    return samples[len(samples) // 2], samples[0], cpu[len(cpu) // 2], cpu[0]


def main():
    prefix, migsim_result = sys.argv[1], sys.argv[2]
    repeats = int(sys.argv[3]) if len(sys.argv) > 3 else 500
    desc = json.load(open(prefix + ".json"))
    ours = json.load(open(migsim_result))
    theta0 = torch.tensor(desc["theta"])
    out = {"torch_version": torch.__version__, "threads": torch.get_num_threads(), "repeats": repeats}
    for name, jet_fn in [("taylor", jet), ("functorch_jvp", jet_functorch)]:
        loss = make_loss(desc, jet_fn)
        theta = theta0.clone().requires_grad_(True)
        value = loss(theta)
        value.backward()
        g = theta.grad
        ref = torch.tensor(ours["gradient"])
        out[name] = {
            "loss": value.item(),
            "loss_relative_difference": abs(value.item() - ours["loss"]) / abs(ours["loss"]),
            "gradient_relative_difference": ((g - ref).norm() / ref.norm()).item(),
        }
        median, best, median_cpu, best_cpu = step_time(loss, theta0, repeats)
        out[name]["median_seconds"] = median
        out[name]["min_seconds"] = best
        out[name]["median_cpu_seconds"] = median_cpu
        out[name]["min_cpu_seconds"] = best_cpu
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
