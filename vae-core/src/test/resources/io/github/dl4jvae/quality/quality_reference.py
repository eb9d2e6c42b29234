"""Reference values for the sample-quality tests (FrechetDistanceTest, PrecisionRecallTest), computed independently
of the Java code with numpy and scipy: run `python3 quality_reference.py` here to rewrite quality_reference.json.

- frechet: two 6-dimensional Gaussians (random means and covariances A A^T + 0.1 I) and their Frechet distance by the
  formula of the reference FID code (pytorch-fid's calculate_frechet_distance: scipy.linalg.sqrtm of S1 S2).
- sampleSpread: the Frechet distance estimated from n = 100,000 draws of each of the two 3-dimensional Gaussians of
  FrechetDistanceTest, over 200 repetitions: the estimator's mean minus the closed form (its bias) and its standard
  deviation, which set that test's tolerance.
- precisionRecall: 150 generated and 120 real 4-dimensional points and their k = 3 precision and recall by
  brute force (all pairwise distances, the k-th nearest other point of each set, Kynkaanniemi et al. 2019).
"""
import json

import numpy as np
import scipy.linalg

rng = np.random.default_rng(20240524)


def frechet(mu1, s1, mu2, s2):
    covmean = scipy.linalg.sqrtm(s1.dot(s2))
    covmean = covmean.real
    diff = mu1 - mu2
    return float(diff.dot(diff) + np.trace(s1) + np.trace(s2) - 2 * np.trace(covmean))


d = 6
a1 = rng.normal(size=(d, d))
a2 = rng.normal(size=(d, d))
mu1 = rng.normal(size=d)
mu2 = rng.normal(size=d)
s1 = a1 @ a1.T + 0.1 * np.eye(d)
s2 = a2 @ a2.T + 0.1 * np.eye(d)

# The 3-d Gaussians of FrechetDistanceTest.sampleEstimateApproachesTheClosedForm (must match the Java constants).
m_a = np.array([0.0, 1.0, -1.0])
m_b = np.array([0.5, 0.0, -1.5])
c_a = np.array([[2.0, 0.6, 0.0], [0.6, 1.0, 0.3], [0.0, 0.3, 0.5]])
c_b = np.array([[1.0, -0.2, 0.1], [-0.2, 1.5, 0.0], [0.1, 0.0, 0.8]])
exact = frechet(m_a, c_a, m_b, c_b)
n = 100000
estimates = []
for _ in range(200):
    x = rng.multivariate_normal(m_a, c_a, size=n)
    y = rng.multivariate_normal(m_b, c_b, size=n)
    estimates.append(frechet(x.mean(0), np.cov(x, rowvar=False), y.mean(0), np.cov(y, rowvar=False)))
estimates = np.array(estimates)


def kth_radii(points, k):
    dist = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(-1))
    np.fill_diagonal(dist, np.inf)
    return np.sort(dist, axis=1)[:, k - 1]


def coverage(queries, points, radii):
    dist = np.sqrt(((queries[:, None, :] - points[None, :, :]) ** 2).sum(-1))
    return float((dist <= radii[None, :]).any(axis=1).mean())


k = 3
generated = rng.normal(size=(150, 4)) * 1.3 + 0.4
real = rng.normal(size=(120, 4))
precision = coverage(generated, real, kth_radii(real, k))
recall = coverage(real, generated, kth_radii(generated, k))

reference = {
    "frechet": {"mean1": mu1.tolist(), "covariance1": s1.tolist(), "mean2": mu2.tolist(), "covariance2": s2.tolist(),
                "distance": frechet(mu1, s1, mu2, s2)},
    "sampleSpread": {"n": n, "repetitions": len(estimates), "closedForm": exact,
                     "bias": float(estimates.mean() - exact), "standardDeviation": float(estimates.std(ddof=1))},
    "precisionRecall": {"k": k, "generated": generated.tolist(), "real": real.tolist(), "precision": precision,
                        "recall": recall},
}
with open("quality_reference.json", "w") as out:
    json.dump(reference, out, indent=1)
    out.write("\n")
print(json.dumps({"frechet": reference["frechet"]["distance"], "sampleSpread": reference["sampleSpread"],
                  "precision": precision, "recall": recall}, indent=1))
