#include "privacy/risk.h"

#include <cmath>
#include <string>
#include <utility>

namespace veil {

namespace {

struct Summary {
  std::map<int64_t, int64_t> sizes;  // validated, without zero counts
  int64_t records = 0;
  int64_t classes = 0;
};

Result<Summary> Summarise(const std::map<int64_t, int64_t>& class_sizes) {
  Summary out;
  for (const auto& [size, count] : class_sizes) {
    if (size <= 0) {
      return InvalidArgument("equivalence class size " + std::to_string(size) + " is not positive");
    }
    if (count < 0) {
      return InvalidArgument("the number of equivalence classes of size " + std::to_string(size) +
                             " is negative");
    }
    if (count == 0) continue;
    int64_t records = 0;
    if (__builtin_mul_overflow(size, count, &records) ||
        __builtin_add_overflow(out.records, records, &out.records)) {
      return InvalidArgument("the equivalence classes hold more records than can be counted");
    }
    out.classes += count;  // cannot overflow: classes <= records
    out.sizes.emplace(size, count);
  }
  return out;
}

Status CheckPopulation(int64_t population, int64_t records) {
  if (population <= 0) {
    return InvalidArgument("the population size must be positive, not " +
                           std::to_string(population));
  }
  if (population < records) {
    return InvalidArgument("the population size " + std::to_string(population) +
                           " is smaller than the " + std::to_string(records) +
                           " records of the dataset");
  }
  return Status::Ok();
}

// Risk figures for a per-record risk that depends only on the class size and decreases
// with it, so the smallest classes hold the highest risk.
template <typename RiskOfSize>
RecordRisk MakeRecordRisk(const std::map<int64_t, int64_t>& sizes, double average,
                          RiskOfSize risk_of_size) {
  RecordRisk out;
  out.average_risk = average;
  for (const double threshold : kRiskThresholds) {
    out.records_above_threshold.push_back({threshold, 0});
  }
  if (sizes.empty()) return out;
  out.highest_risk = risk_of_size(sizes.begin()->first);
  out.records_at_highest_risk = sizes.begin()->first * sizes.begin()->second;
  for (const auto& [size, count] : sizes) {
    const double risk = risk_of_size(size);
    for (ThresholdCount& above : out.records_above_threshold) {
      if (risk > above.threshold) above.records += size * count;
    }
  }
  return out;
}

// Zayatz: s_1 P(F=1|f=1) / pi uniques out of N, i.e. a share of s_1^2 / (n sum_k s_k k r_k)
// with r_k = P(f=1|F=k) / (k P(f=1|F=1)) = prod_{i=1}^{k-1} (N-n+1-i) / (N-i), which is the
// ratio of the hypergeometric probabilities with the binomial coefficients cancelled.
double ZayatzShare(const std::map<int64_t, int64_t>& sizes, int64_t n, int64_t population) {
  const auto uniques = sizes.find(1);
  if (uniques == sizes.end()) return 0;
  double denominator = 0;
  double r = 1;
  int64_t k = 1;
  for (const auto& [size, count] : sizes) {
    for (; k < size && r > 0; ++k) {
      r *= double(population - n + 1 - k) / double(population - k);
    }
    if (!(r > 0)) break;  // a larger class cannot give exactly one sampled record
    denominator += double(count) * double(size) * r;
  }
  const double s1 = double(uniques->second);
  return s1 * s1 / (double(n) * denominator);
}

// sum_{k=0}^{m-1} 1 / (x + k) = digamma(x + m) - digamma(x), for x > 0 and m >= 0, to
// nearly full double precision: summed directly for small m, else shifted to x >= 20 and
// taken from the asymptotic series of digamma, written as differences so that nothing
// cancels when x is large.
double HarmonicSum(double x, int64_t m) {
  double sum = 0;
  if (m <= 64) {
    for (int64_t k = m - 1; k >= 0; --k) sum += 1 / (x + double(k));
    return sum;
  }
  const double dm = double(m);
  for (; x < 20; x += 1) sum += 1 / x - 1 / (x + dm);
  const double y = x + dm;
  // digamma(z) ~ ln z - 1/(2z) - sum_k B_2k / (2k z^2k), cut after z^-10 (error < 1e-17).
  constexpr double kCoefficients[] = {1.0 / 12, -1.0 / 120, 1.0 / 252, -1.0 / 240, 1.0 / 132};
  sum += std::log1p(dm / x) + dm / (2 * x * y);
  double x_power = 1;
  double y_power = 1;
  for (const double c : kCoefficients) {
    x_power /= x * x;
    y_power /= y * y;
    sum += c * (x_power - y_power);
  }
  return sum;
}

// sum_{i=1}^{m} i / (x + i) for x > -1: m - x * HarmonicSum(x + 1, m), or, where that
// would cancel (x much larger than m), the power series in i / x to the 4th power.
double IndexWeightedSum(double x, int64_t m) {
  const double dm = double(m);
  if (x < 1e4 * dm) return dm - x * HarmonicSum(x + 1, m);
  const double p1 = dm * (dm + 1) / 2;                    // sum i
  const double p2 = p1 * (2 * dm + 1) / 3;                // sum i^2
  const double p3 = p1 * p1;                              // sum i^3
  const double p4 = p2 * (3 * dm * dm + 3 * dm - 1) / 5;  // sum i^4
  return p1 / x - p2 / (x * x) + p3 / (x * x * x) - p4 / (x * x * x * x);
}

// Maximum likelihood for the Pitman sampling formula. Up to a constant the log-likelihood
// of a sample with n records, u classes and s_k classes of size k is
//   l = sum_{i=1}^{u-1} ln(theta + i alpha) - sum_{i=1}^{n-1} ln(theta + i)
//       + sum_k s_k sum_{l=1}^{k-1} ln(l - alpha).
// For fixed alpha, dl/dtheta goes from +infinity (theta -> -alpha) to below 0, and its
// root theta^(alpha) is found by bisection. The profile likelihood l(theta^(alpha), alpha)
// has derivative dl/dalpha at that point (envelope theorem); its sign change in alpha is
// found by bisection too. Only derivatives are evaluated, each in O(distinct class sizes).
// When the profile falls from alpha = 0 the maximum over 0 <= alpha < 1 is taken to be at
// alpha = 0; a profile still rising at alpha = 1 - 2^-30 or a theta^ beyond 1e30 means no
// maximum inside the parameter space, reported as nullopt.
class PitmanFit {
 public:
  explicit PitmanFit(const std::map<int64_t, int64_t>& sizes) : sizes_(sizes) {
    for (const auto& [size, count] : sizes) {
      n_ += size * count;
      u_ += count;
    }
  }

  std::optional<PitmanParameters> Fit() const {
    if (u_ < 2 || u_ >= n_) return std::nullopt;
    const std::optional<PitmanParameters> at_zero = Profile(0);
    if (!at_zero) return std::nullopt;
    if (AlphaScore(*at_zero) <= 0) return at_zero;  // the Ewens model: alpha = 0
    double lo = 0;
    double hi = kAlphaLimit;
    const std::optional<PitmanParameters> at_limit = Profile(hi);
    if (!at_limit || !(AlphaScore(*at_limit) < 0)) return std::nullopt;  // alpha -> 1
    while (hi - lo > 1e-13) {
      const double mid = lo + (hi - lo) / 2;
      const std::optional<PitmanParameters> at_mid = Profile(mid);
      if (!at_mid) return std::nullopt;
      (AlphaScore(*at_mid) > 0 ? lo : hi) = mid;
    }
    return Profile(lo + (hi - lo) / 2);
  }

 private:
  static constexpr double kAlphaLimit = 1 - 0x1p-30;
  static constexpr double kThetaLimit = 1e30;  // beyond: no finite maximum (all unique)

  double ThetaScore(double theta, double alpha) const {
    const double classes =
        alpha > 0 ? HarmonicSum(theta / alpha + 1, u_ - 1) / alpha : double(u_ - 1) / theta;
    return classes - HarmonicSum(theta + 1, n_ - 1);
  }

  double AlphaScore(const PitmanParameters& p) const {
    const double classes = p.alpha > 0 ? IndexWeightedSum(p.theta / p.alpha, u_ - 1) / p.alpha
                                       : double(u_ - 1) * double(u_) / (2 * p.theta);
    double sizes = 0;
    for (const auto& [size, count] : sizes_) {
      if (size > 1) sizes += double(count) * HarmonicSum(1 - p.alpha, size - 1);
    }
    return classes - sizes;
  }

  // theta^(alpha): the root of dl/dtheta above -alpha, or nullopt when there is none below
  // kThetaLimit.
  std::optional<PitmanParameters> Profile(double alpha) const {
    double lo = -alpha;  // excluded: the score is +infinity there
    double hi = 1;
    while (ThetaScore(hi, alpha) > 0) {
      lo = hi;
      hi *= 2;
      if (hi > kThetaLimit) return std::nullopt;
    }
    for (int i = 0; i < 2000; ++i) {
      const double mid = lo + (hi - lo) / 2;
      if (mid <= lo || mid >= hi) break;
      (ThetaScore(mid, alpha) > 0 ? lo : hi) = mid;
    }
    return PitmanParameters{hi, alpha};
  }

  const std::map<int64_t, int64_t>& sizes_;
  int64_t n_ = 0;
  int64_t u_ = 0;
};

// ln Gamma(z + d) - ln Gamma(z) for -1 <= d <= 0 and z + d > 0, without the cancellation
// of two large lgamma values: shifted to z >= 20 by ln Gamma(z + 1) = ln Gamma(z) + ln z,
// then Stirling's series for both terms, written as differences.
double LogGammaShift(double z, double d) {
  double sum = 0;
  for (; z < 20; z += 1) sum += std::log(z) - std::log(z + d);
  const double w = z + d;
  // ln Gamma(x) ~ (x - 1/2) ln x - x + ln(2 pi)/2 + sum_k B_2k / (2k (2k-1) x^(2k-1)).
  constexpr double kCoefficients[] = {1.0 / 12, -1.0 / 360, 1.0 / 1260, -1.0 / 1680, 1.0 / 1188};
  sum += (z - 0.5) * std::log1p(d / z) + d * std::log(w) - d;
  double z_power = 1 / z;
  double w_power = 1 / w;
  for (const double c : kCoefficients) {
    sum += c * (w_power - z_power);
    z_power /= z * z;
    w_power /= w * w;
  }
  return sum;
}

// The expected share of singletons in a Pitman partition of N records:
// E[S_1] / N = (theta + alpha)_(N-1) / (theta + 1)_(N-1)
//            = Gamma(theta + 1) Gamma(theta + alpha + N - 1) / (Gamma(theta + alpha) Gamma(theta +
//            N)).
std::optional<double> PitmanShare(const std::map<int64_t, int64_t>& sizes, int64_t population) {
  const std::optional<PitmanParameters> p = PitmanFit(sizes).Fit();
  if (!p) return std::nullopt;
  const double d = p->alpha - 1;
  const double share =
      std::exp(LogGammaShift(p->theta + double(population), d) - LogGammaShift(p->theta + 1, d));
  if (!std::isfinite(share) || share < 0 || share > 1) return std::nullopt;
  return share;
}

PopulationUniqueness PopulationFigures(const Summary& s, int64_t population) {
  PopulationUniqueness out;
  out.population = population;
  out.sampling_fraction = double(s.records) / double(population);
  out.zayatz = s.records > 0 ? ZayatzShare(s.sizes, s.records, population) : 0;
  out.pitman = PitmanShare(s.sizes, population);
  return out;
}

}  // namespace

std::optional<PitmanParameters> TEST_FitPitman(const std::map<int64_t, int64_t>& class_sizes) {
  const Result<Summary> summary = Summarise(class_sizes);
  if (!summary.ok()) return std::nullopt;
  return PitmanFit(summary.value().sizes).Fit();
}

Result<RiskFigures> ComputeRisk(const std::map<int64_t, int64_t>& class_sizes,
                                std::optional<int64_t> population) {
  VEIL_ASSIGN_OR_RETURN(const Summary s, Summarise(class_sizes));
  if (population) VEIL_RETURN_IF_ERROR(CheckPopulation(*population, s.records));
  RiskFigures out;
  out.records = s.records;
  out.equivalence_classes = s.classes;
  out.min_class_size = s.sizes.empty() ? 0 : s.sizes.begin()->first;
  out.sample_uniques = s.sizes.count(1) > 0 ? s.sizes.at(1) : 0;
  out.sample_uniqueness = s.records > 0 ? double(out.sample_uniques) / double(s.records) : 0;
  out.class_size_distribution = s.sizes;
  const double per_record = s.records > 0 ? double(s.classes) / double(s.records) : 0;
  out.prosecutor =
      MakeRecordRisk(s.sizes, per_record, [](int64_t size) { return 1.0 / double(size); });
  if (!population) {
    out.journalist = out.prosecutor;
    out.marketer.average_risk = per_record;
    return out;
  }
  // F^_j = f_j N / n, so 1 / F^_j = n / (f_j N) and (1/n) sum_j f_j / F^_j = u / N.
  const double n = double(s.records);
  const double big_n = double(*population);
  const double per_population_record = double(s.classes) / big_n;
  out.journalist = MakeRecordRisk(s.sizes, per_population_record,
                                  [n, big_n](int64_t size) { return n / (double(size) * big_n); });
  out.marketer.average_risk = per_population_record;
  out.population = PopulationFigures(s, *population);
  return out;
}

}  // namespace veil
