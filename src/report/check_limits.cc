#include "report/check_limits.h"

namespace veil::report {

namespace {

std::vector<LimitPoint> Proves() {
  return {
      {"No searched-for original is left in the copy.",
       "Every distinct value from the columns the policy marks as identifying (names, "
       "numbers, addresses and so on) was looked for in every cell of every table of the "
       "copy, including kept notes. A value counts as found when it appears as a whole word "
       "or number, ignoring case, accents and punctuation style."},
      {"Transformed columns really changed.",
       "For each column the policy changes, no more of its values were left as they were "
       "than the policy allows."},
      {"The copy is still joined up.",
       "Rows that referred to each other in the original still do in the copy, and the time "
       "between each child's dates is the same, so timelines still make sense."},
      {"Made-up values cannot belong to real people.",
       "Fake telephone numbers, NHS numbers, e-mail addresses and similar values come from "
       "ranges set aside for fiction and testing, which are never given to anyone."},
      {"Tables are complete.",
       "Each table has the rows the policy calls for: as many as the original, none for an "
       "emptied table, and a table left out is not in the copy at all."},
  };
}

std::vector<LimitPoint> DoesNotProve() {
  return {
      {"That nobody can be recognised from what remains.",
       "A rare mix of kept details, such as age, area, ethnicity and dates, can still point "
       "to one person. Judging that needs a separate assessment, for example a k-anonymity "
       "check or a motivated-intruder test."},
      {"That short values are gone.",
       "Values shorter than the search thresholds, numbers with too few digits and values "
       "that look like dates are not searched for, because they would match almost "
       "anywhere. The leak search figures above say how many were skipped."},
      {"Anything about free text that was rewritten.",
       "Long free text, such as case notes, is not used as a search term. A note that the "
       "policy rewrote or removed is not compared word by word with the copy."},
      {"That details typed in the wrong place were found.",
       "The search only knows values that were in identifying columns of the original. A "
       "name typed into a kept notes column is found only if the same name is also in an "
       "identifying column. A relative's or neighbour's name that appears only in the notes "
       "is not found."},
      {"That rows were compared correctly if the copy was re-ordered.",
       "Rows are paired by position: row 10 of the original with row 10 of the copy. veil "
       "writes copies in the original's order. A copy that was sorted or edited afterwards "
       "gives misleading results."},
      {"That the secret is safe.",
       "The fingerprint only shows which secret was used. Anyone who has both the secret and "
       "the copy can work out the pseudonyms of people they already know."},
  };
}

CheckLimits Build() {
  CheckLimits limits;
  limits.heading = "What these checks prove and what they do not";
  limits.intro =
      "veil verify compares the copy with the original it was made from. Passing is strong "
      "evidence that the policy was applied as written. It is not proof that no one could "
      "ever be identified from the copy.";
  limits.proves_heading = "When the checks pass, they show that:";
  limits.proves = Proves();
  limits.does_not_prove_heading = "They do not show:";
  limits.does_not_prove = DoesNotProve();
  limits.closing =
      "Use this report as evidence that the policy was applied correctly, together with your "
      "own assessment of what the copy reveals and who will receive it.";
  return limits;
}

}  // namespace

const CheckLimits& VerificationLimits() {
  static const CheckLimits limits = Build();
  return limits;
}

}  // namespace veil::report
