// Re-identification risk of a dataset, from the sizes of its equivalence classes.
//
// Records that share all quasi-identifier values form an equivalence class. The input is
// the class-size distribution (class size -> number of classes of that size) and, when the
// dataset is a sample, the size N of the population it was drawn from. Notation: n records,
// u classes, f_j the size of class j, s_k the number of classes of size k, pi = n / N.
//
// Attacker models (El Emam & Dankar 2008; the definitions ARX uses):
//   * Prosecutor: knows the target is in the dataset. A record's risk is 1 / f_j; the
//     average over records is u / n, the highest 1 / min f_j.
//   * Journalist: does not know whether the target is in the dataset; the risk of a record
//     is 1 / F_j, F_j the size of its class in the population. Without a population the
//     dataset is its own population (F_j = f_j) and the figures equal the prosecutor's.
//     With a population, F_j is estimated as F^_j = f_j / pi = f_j * N / n: the
//     Horvitz-Thompson estimate with equal design weights N / n (what sdcMicro's F_k is
//     under simple random sampling). It is unbiased for F_j under simple random sampling,
//     never below f_j, and needs nothing but N. Average: (1/n) sum_j f_j / F^_j = u / N.
//   * Marketer: links every record; the expected share re-identified correctly is
//     (1/n) sum_j f_j / F_j: u / n without a population, u / N with the estimate above.
// A threshold count is the number of records whose risk is strictly above the threshold.
//
// Population uniqueness (only with a population): the estimated share of the N population
// records that are unique in the population under the quasi-identifiers.
//   * Zayatz (1991), as given by Dankar et al. 2012 (appendix A): population classes are
//     assumed to have the sample's size proportions s_k / u; with the hypergeometric
//     P(f=1|F=k) = k C(N-k, n-1) / C(N, n), P(F=1|f=1) = s_1 P(f=1|F=1) /
//     sum_k s_k P(f=1|F=k), and the population has s_1 P(F=1|f=1) / pi uniques. Closed form.
//   * Pitman (Hoshino 2001): the partition of the population is a Pitman (two-parameter
//     Ewens) partition, 0 <= alpha < 1, theta > -alpha; a simple random sample of it is one
//     with the same parameters, estimated by maximum likelihood from the sample's s_k. The
//     share is the model's expected number of population uniques over N:
//     E[S_1] / N = (theta + alpha)_(N-1) / (theta + 1)_(N-1) (rising factorials; the
//     expected singletons of the Ewens-Pitman formula, Pitman 2006 ch. 3). Hoshino's
//     Gamma(theta + 1) / Gamma(theta + alpha) * N^alpha uniques, which ARX reports, is its
//     limit for N much larger than theta; unlike that limit, it never exceeds N. It is
//     unavailable (nullopt, JSON null) when the maximum is not attained inside the
//     parameter space (every record unique, a single class, alpha -> 1, theta -> infinity).
//     alpha = 0 (the Ewens model, share theta / (theta + N - 1)) is allowed.
//   * The slide negative binomial model (Chen & McNulty 1994) and Dankar et al.'s decision
//     rule are not implemented: both estimators above are reported side by side.
//
// ComputeRisk is a pure function. Errors (kInvalidArgument): a class size that is not
// positive, a negative number of classes (entries with 0 classes are ignored), more records
// than int64 holds, a population that is not positive or is smaller than the records. An empty
// dataset is not an error: every figure is 0, the population figures (if asked for) are 0
// and Pitman is unavailable.
#pragma once

#include <cstdint>
#include <map>
#include <optional>

#include "veil/risk_figures.h"
#include "veil/status.h"

namespace veil {

Result<RiskFigures> ComputeRisk(const std::map<int64_t, int64_t>& class_sizes,
                                std::optional<int64_t> population);

// The maximum-likelihood Pitman parameters for a class-size distribution (sizes and
// counts positive), or nullopt when they do not exist as above (fewer than two classes,
// every record unique, or the maximum on the edge of the parameter space other than
// alpha = 0). Exposed for tests and diagnostics.
struct PitmanParameters {
  double theta = 0;
  double alpha = 0;
};
std::optional<PitmanParameters> TEST_FitPitman(const std::map<int64_t, int64_t>& class_sizes);

}  // namespace veil
