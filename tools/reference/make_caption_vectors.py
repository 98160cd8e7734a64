#!/usr/bin/python3
"""Reference vectors for robucap's DJL Show, Attend and Tell captioner (package dev.robucap.ml.caption).

Run with Debian's torch (apt-get install python3-torch python3-torchvision):
    /usr/bin/python3 tools/reference/make_caption_vectors.py services/ml/src/test/resources/caption

The model is the architecture of sgrvinod's "a-PyTorch-Tutorial-to-Image-Captioning" (models.py, train.py, caption.py),
written out here at tiny dimensions with fixed seeds and torch's default initialisation (plus the tutorial's
init_weights: embedding and fc weight U(-0.1, 0.1), fc bias 0). Tensors are written as nested JSON lists, float32
values printed with 9 significant digits (exact round trip). Three files:

decoder.json   a teacher-forced training step of the decoder
  dims, special tokens, params: every state_dict entry of the decoder in registration order (name, shape, values)
  encoder_out (batch, pixels, encoder_dim), captions (batch, padded length; 0 = <pad>), lengths (with <start>, <end>)
  logits, alphas: (batch, max decode length, vocab / pixels) in the input's order, zeros beyond decode length - 1,
  computed in training mode with dropout 0 (a random mask cannot be matched; dropout is tested on its own)
  cross_entropy (over the valid positions), attention_regularisation = ((1 - alphas.sum(dim=1)) ** 2).mean(), loss
  grads: the gradient of the loss for every decoder parameter and for encoder_out
  adam: two Adam steps (torch.optim.Adam: betas 0.9/0.999, eps 1e-8) on the same batch, gradients clamped to
        +-grad_clip element-wise first (train.py's clip_gradient), two groups: the decoder (lr 4e-4) and encoder_out
        as a trainable leaf (lr 1e-4); losses of both steps, every tensor after step 2, and the moments of step 2

beam.json      beam search (caption.py's algorithm, one image at a time) on a tiny random decoder
  params, encoder_out (images, pixels, encoder_dim), and cases: for each (beam_size, max_caption_length) one result
  per image: sequence (from <start>, ending with <end> when complete), score (the summed log-probabilities),
  complete, alphas of the words. The tutorial stops after step 51 ("if step > 50"), i.e. a caption has at most
  max_caption_length = 50 words before <end>; here the limit is a parameter. When no sequence completes the tutorial
  fails; here the best incomplete one is returned.

pooling.json   torch.nn.functional.adaptive_avg_pool2d on a few inputs (the encoder's pooling to 14x14)

lstm.json      one torch.nn.LSTMCell(5, 3) step: params, x (2, 5), h and c (2, 3), h' and c', and the gradients of
               (h' * c').sum() with respect to every parameter
"""
import json
import math
import os
import sys

import torch
import torch.nn.functional as F
from torch import nn

PAD, START, END, UNK = 0, 1, 2, 3


class Attention(nn.Module):
    def __init__(self, encoder_dim, decoder_dim, attention_dim):
        super().__init__()
        self.encoder_att = nn.Linear(encoder_dim, attention_dim)
        self.decoder_att = nn.Linear(decoder_dim, attention_dim)
        self.full_att = nn.Linear(attention_dim, 1)

    def forward(self, encoder_out, h):
        projected = self.encoder_att(encoder_out)  # (n, pixels, attention_dim)
        scores = self.full_att(torch.relu(projected + self.decoder_att(h).unsqueeze(1))).squeeze(2)  # (n, pixels)
        alpha = torch.softmax(scores, dim=1)
        return (encoder_out * alpha.unsqueeze(2)).sum(dim=1), alpha  # (n, encoder_dim), (n, pixels)


class Decoder(nn.Module):
    def __init__(self, attention_dim, embed_dim, decoder_dim, vocab_size, encoder_dim, dropout):
        super().__init__()
        self.vocab_size = vocab_size
        self.attention = Attention(encoder_dim, decoder_dim, attention_dim)
        self.embedding = nn.Embedding(vocab_size, embed_dim)
        self.dropout = nn.Dropout(p=dropout)
        self.decode_step = nn.LSTMCell(embed_dim + encoder_dim, decoder_dim, bias=True)
        self.init_h = nn.Linear(encoder_dim, decoder_dim)
        self.init_c = nn.Linear(encoder_dim, decoder_dim)
        self.f_beta = nn.Linear(decoder_dim, encoder_dim)
        self.fc = nn.Linear(decoder_dim, vocab_size)
        with torch.no_grad():
            self.embedding.weight.uniform_(-0.1, 0.1)
            self.fc.bias.fill_(0)
            self.fc.weight.uniform_(-0.1, 0.1)

    def init_hidden_state(self, encoder_out):
        mean = encoder_out.mean(dim=1)
        return self.init_h(mean), self.init_c(mean)

    def step(self, encoder_out, words, h, c):
        """One decoding step for rows (encoder_out, previous words, h, c): (scores, alpha, h, c)."""
        awe, alpha = self.attention(encoder_out, h)
        awe = torch.sigmoid(self.f_beta(h)) * awe
        h, c = self.decode_step(torch.cat([self.embedding(words), awe], dim=1), (h, c))
        return self.fc(self.dropout(h)), alpha, h, c

    def forward(self, encoder_out, captions, lengths):
        """Teacher forcing as the tutorial: sort by decreasing length, shrink the batch as captions end."""
        lengths, order = lengths.sort(dim=0, descending=True)
        encoder_out, captions = encoder_out[order], captions[order]
        decode_lengths = (lengths - 1).tolist()
        n, steps = encoder_out.size(0), max(decode_lengths)
        predictions = torch.zeros(n, steps, self.vocab_size)
        alphas = torch.zeros(n, steps, encoder_out.size(1))
        h, c = self.init_hidden_state(encoder_out)
        for t in range(steps):
            m = sum(l > t for l in decode_lengths)
            scores, alpha, h, c = self.step(encoder_out[:m], captions[:m, t], h[:m], c[:m])
            predictions[:m, t] = scores
            alphas[:m, t] = alpha
        return predictions, captions, decode_lengths, alphas, order


def values(t):
    return [float("%.9g" % v) for v in t.detach().flatten().tolist()]


def tensor(t):
    return {"shape": list(t.shape), "values": values(t)}


def params_of(decoder):
    return [dict(name=name, **tensor(p)) for name, p in decoder.named_parameters()]


def loss_of(decoder, encoder_out, captions, lengths, alpha_c):
    predictions, sorted_captions, decode_lengths, alphas, order = decoder(encoder_out, captions, lengths)
    targets = sorted_captions[:, 1:]
    packed_scores = nn.utils.rnn.pack_padded_sequence(predictions, decode_lengths, batch_first=True).data
    packed_targets = nn.utils.rnn.pack_padded_sequence(targets, decode_lengths, batch_first=True).data
    cross_entropy = F.cross_entropy(packed_scores, packed_targets)
    regularisation = ((1. - alphas.sum(dim=1)) ** 2).mean()
    unsorted = torch.empty_like(order)
    unsorted[order] = torch.arange(order.numel())
    return (cross_entropy + alpha_c * regularisation, cross_entropy, regularisation,
            predictions[unsorted], alphas[unsorted])


def decoder_vectors():
    dims = dict(vocab=11, embed=6, attention=5, decoder=7, encoder=4, pixels=9)
    torch.manual_seed(1234)
    decoder = Decoder(dims["attention"], dims["embed"], dims["decoder"], dims["vocab"], dims["encoder"], 0.0)
    encoder_out = torch.randn(3, dims["pixels"], dims["encoder"])
    # lengths count <start> and <end>; padded beyond the longest, as the tutorial pads to 52
    captions = torch.tensor([[START, 5, 6, 7, 8, END, PAD, PAD, PAD],
                             [START, 9, 4, 10, 5, 6, 3, END, PAD],
                             [START, 7, 7, END, PAD, PAD, PAD, PAD, PAD]])
    lengths = torch.tensor([6, 8, 4])
    initial = params_of(decoder)

    leaf = encoder_out.clone().requires_grad_(True)
    loss, cross_entropy, regularisation, logits, alphas = loss_of(decoder, leaf, captions, lengths, 1.0)
    loss.backward()
    grads = [dict(name=name, **tensor(p.grad)) for name, p in decoder.named_parameters()]
    grads.append(dict(name="encoder_out", **tensor(leaf.grad)))
    out = dict(dims=dims, tokens=dict(pad=PAD, start=START, end=END, unk=UNK), params=initial,
               encoder_out=tensor(encoder_out), captions=captions.tolist(), lengths=lengths.tolist(),
               logits=tensor(logits), alphas=tensor(alphas), cross_entropy=cross_entropy.item(),
               attention_regularisation=regularisation.item(), loss=loss.item(), grads=grads)

    grad_clip = 0.05  # small enough that the tiny model's gradients are clipped in places
    decoder_lr, encoder_lr = 4e-4, 1e-4
    leaf = encoder_out.clone().requires_grad_(True)
    decoder_adam = torch.optim.Adam(decoder.parameters(), lr=decoder_lr)
    encoder_adam = torch.optim.Adam([leaf], lr=encoder_lr)
    losses, clipped = [], 0
    for _ in range(2):
        decoder_adam.zero_grad()
        encoder_adam.zero_grad()
        loss = loss_of(decoder, leaf, captions, lengths, 1.0)[0]
        loss.backward()
        for p in list(decoder.parameters()) + [leaf]:
            clipped += int((p.grad.abs() > grad_clip).sum())
            p.grad.data.clamp_(-grad_clip, grad_clip)
        decoder_adam.step()
        encoder_adam.step()
        losses.append(loss.item())
    moments = []
    for name, p in decoder.named_parameters():
        state = decoder_adam.state[p]
        moments.append(dict(name=name, step=int(state["step"]), exp_avg=values(state["exp_avg"]),
                            exp_avg_sq=values(state["exp_avg_sq"])))
    out["adam"] = dict(grad_clip=grad_clip, decoder_lr=decoder_lr, encoder_lr=encoder_lr, losses=losses,
                       clipped_elements=clipped, params=params_of(decoder), encoder_out=tensor(leaf),
                       moments=moments)
    return out


def beam_search(decoder, encoder_out, beam_size, max_caption_length):
    """caption.py's caption_image_beam_search for one image (pixels, encoder_dim), up to the best sequence."""
    k = beam_size
    vocab = decoder.vocab_size
    encoder_out = encoder_out.unsqueeze(0).expand(k, -1, -1)
    words = torch.full((k,), START, dtype=torch.long)
    seqs = words.unsqueeze(1)
    seq_alphas = torch.zeros(k, 0, encoder_out.size(1))
    scores = torch.zeros(k, 1)
    complete = []  # (sequence, score, alphas)
    h, c = decoder.init_hidden_state(encoder_out)
    step = 1
    while True:
        logits, alpha, h, c = decoder.step(encoder_out, words, h, c)
        candidates = scores.expand_as(logits) + F.log_softmax(logits, dim=1)  # (k, vocab)
        if step == 1:
            scores, flat = candidates[0].topk(k, 0, True, True)  # all rows are equal at the first step
        else:
            scores, flat = candidates.view(-1).topk(k, 0, True, True)
        previous, nxt = flat // vocab, flat % vocab
        seqs = torch.cat([seqs[previous], nxt.unsqueeze(1)], dim=1)
        seq_alphas = torch.cat([seq_alphas[previous], alpha[previous].unsqueeze(1)], dim=1)
        going = [i for i, w in enumerate(nxt.tolist()) if w != END]
        for i in range(len(nxt)):
            if i not in going:
                complete.append((seqs[i].tolist(), scores[i].item(), seq_alphas[i]))
        k = len(going)
        if k == 0:
            break
        seqs, seq_alphas = seqs[going], seq_alphas[going]
        h, c = h[previous[going]], c[previous[going]]
        encoder_out = encoder_out[previous[going]]
        scores = scores[going].unsqueeze(1)
        words = nxt[going]
        if step > max_caption_length:
            break
        step += 1
    if complete:
        best = max(range(len(complete)), key=lambda i: (complete[i][1], -i))
        sequence, score, alphas = complete[best]
        return dict(sequence=sequence, score=score, complete=True, alphas=tensor(alphas))
    return dict(sequence=seqs[0].tolist(), score=scores[0].item(), complete=False, alphas=tensor(seq_alphas[0]))


def beam_vectors():
    dims = dict(vocab=13, embed=6, attention=5, decoder=8, encoder=4, pixels=6)
    torch.manual_seed(17)
    decoder = Decoder(dims["attention"], dims["embed"], dims["decoder"], dims["vocab"], dims["encoder"], 0.5).eval()
    with torch.no_grad():
        # livelier than the initialisation (which repeats one word or ends at once): captions end after 3 to 20
        # words at different steps per image, one never ends, and beams of 3 differ from greedy decoding on 5 images
        decoder.embedding.weight.mul_(20)
        decoder.decode_step.weight_ih.mul_(4)
        decoder.decode_step.weight_hh.mul_(4)
        decoder.fc.weight.mul_(5)
        decoder.fc.bias[END] = 0.25
    encoder_out = torch.randn(6, dims["pixels"], dims["encoder"])
    cases = []
    with torch.no_grad():
        for beam_size, max_length in [(1, 50), (2, 50), (3, 50), (5, 50), (3, 2), (2, 1)]:
            results = [beam_search(decoder, encoder_out[i], beam_size, max_length) for i in range(len(encoder_out))]
            cases.append(dict(beam_size=beam_size, max_caption_length=max_length, results=results))
    return dict(dims=dims, tokens=dict(pad=PAD, start=START, end=END, unk=UNK), params=params_of(decoder),
                encoder_out=tensor(encoder_out), cases=cases)


def pooling_vectors():
    torch.manual_seed(7)
    cases = []
    for shape, size in [((2, 3, 16, 16), (14, 14)), ((1, 2, 9, 11), (4, 7)), ((1, 1, 5, 5), (5, 5))]:
        x = torch.randn(*shape)
        cases.append(dict(input=tensor(x), output_size=list(size), output=tensor(F.adaptive_avg_pool2d(x, size))))
    return dict(cases=cases)


def lstm_vectors():
    torch.manual_seed(5)
    cell = nn.LSTMCell(5, 3)
    x, h, c = torch.randn(2, 5), torch.randn(2, 3), torch.randn(2, 3)
    h2, c2 = cell(x, (h, c))
    (h2 * c2).sum().backward()
    return dict(params=[dict(name=name, **tensor(p)) for name, p in cell.named_parameters()],
                x=tensor(x), h=tensor(h), c=tensor(c), h_next=tensor(h2), c_next=tensor(c2),
                grads=[dict(name=name, **tensor(p.grad)) for name, p in cell.named_parameters()])


def main():
    torch.set_num_threads(1)
    folder = sys.argv[1]
    os.makedirs(folder, exist_ok=True)
    for name, make in [("decoder.json", decoder_vectors), ("beam.json", beam_vectors),
                       ("pooling.json", pooling_vectors), ("lstm.json", lstm_vectors)]:
        data = dict(torch=torch.__version__, **make())
        with open(os.path.join(folder, name), "w") as f:
            json.dump(data, f, separators=(",", ":"))
            f.write("\n")


if __name__ == "__main__":
    main()
