#include "tools/synthetic_pack/synthetic_pack.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/substitute.h"
#include "service/content/rule_pack.h"
#include "service/engine/engine.h"
#include "service/matching/phrase_compiler.h"
#include "service/text/stemmer.h"
#include "tools/synthetic_pack/vocabulary.h"

namespace firstline {
namespace {

// One phrase shape with the vocabulary entries it combines; the same for
// both languages.
struct Combination {
  enum Kind { kVerbDeterminerNoun, kVerbAdjectiveNoun, kAdjectiveNoun, kGap };
  Kind kind;
  int verb;
  int modifier;  // Determiner, adjective or question.
  int noun;
};

std::string PhraseOf(const Vocabulary& v, const Combination& c) {
  const Noun& noun = v.nouns[c.noun];
  switch (c.kind) {
    case Combination::kVerbDeterminerNoun:
      return absl::StrCat(v.verbs[c.verb], " ",
                          Object(v.determiners[c.modifier], noun.gender), " ",
                          noun.accusative);
    case Combination::kVerbAdjectiveNoun:
      return absl::StrCat(v.verbs[c.verb], " ",
                          Object(v.adjectives[c.modifier], noun.gender), " ",
                          noun.accusative);
    case Combination::kAdjectiveNoun:
      return absl::StrCat(Subject(v.adjectives[c.modifier], noun.gender), " ",
                          noun.nominative);
    case Combination::kGap:
      return absl::StrCat(v.questions[c.modifier], " ... ", noun.nominative);
  }
  return "";
}

// Every combination the vocabulary allows, shuffled by `random`.
std::vector<Combination> AllCombinations(const Vocabulary& v,
                                         std::mt19937* random) {
  std::vector<Combination> all;
  const int verbs = static_cast<int>(v.verbs.size());
  const int nouns = static_cast<int>(v.nouns.size());
  for (int noun = 0; noun < nouns; ++noun) {
    for (int verb = 0; verb < verbs; ++verb) {
      for (int d = 0; d < static_cast<int>(v.determiners.size()); ++d) {
        all.push_back({Combination::kVerbDeterminerNoun, verb, d, noun});
      }
      for (int a = 0; a < static_cast<int>(v.adjectives.size()); ++a) {
        all.push_back({Combination::kVerbAdjectiveNoun, verb, a, noun});
      }
    }
    for (int a = 0; a < static_cast<int>(v.adjectives.size()); ++a) {
      all.push_back({Combination::kAdjectiveNoun, 0, a, noun});
    }
    for (int q = 0; q < static_cast<int>(v.questions.size()); ++q) {
      all.push_back({Combination::kGap, 0, q, noun});
    }
  }
  std::shuffle(all.begin(), all.end(), *random);
  return all;
}

// Candidates for the phrases of an intent about verbs[] and nouns[]: every
// combination of its own words, and after every second of those one that
// shares only a verb or a noun with them. Shuffled by `random`.
std::vector<Combination> TopicCombinations(const Vocabulary& v,
                                           const int (&verbs)[2],
                                           const int (&nouns)[2],
                                           std::mt19937* random) {
  std::vector<Combination> own;
  for (int noun : nouns) {
    for (int verb : verbs) {
      for (int d = 0; d < static_cast<int>(v.determiners.size()); ++d) {
        own.push_back({Combination::kVerbDeterminerNoun, verb, d, noun});
      }
      for (int a = 0; a < static_cast<int>(v.adjectives.size()); ++a) {
        own.push_back({Combination::kVerbAdjectiveNoun, verb, a, noun});
      }
    }
    for (int a = 0; a < static_cast<int>(v.adjectives.size()); ++a) {
      own.push_back({Combination::kAdjectiveNoun, 0, a, noun});
    }
    for (int q = 0; q < static_cast<int>(v.questions.size()); ++q) {
      own.push_back({Combination::kGap, 0, q, noun});
    }
  }
  std::shuffle(own.begin(), own.end(), *random);
  const auto pick = [&](size_t size) {
    return static_cast<int>((*random)() % size);
  };
  std::vector<Combination> out;
  for (size_t i = 0; i < own.size(); ++i) {
    out.push_back(own[i]);
    if (i % 2 == 1) {
      // A verb of the topic with another noun, or the reverse.
      const bool own_verb = pick(2) == 0;
      const Combination::Kind kind = pick(4) == 0
                                         ? Combination::kVerbDeterminerNoun
                                         : Combination::kVerbAdjectiveNoun;
      const int modifier =
          pick(kind == Combination::kVerbDeterminerNoun ? v.determiners.size()
                                                        : v.adjectives.size());
      out.push_back({kind, own_verb ? verbs[pick(2)] : pick(v.verbs.size()),
                     modifier,
                     own_verb ? pick(v.nouns.size()) : nouns[pick(2)]});
    }
  }
  return out;
}

// What one intent is about: two verbs and two nouns, and extra signals.
struct Topic {
  int verbs[2];
  int nouns[2];
  bool regex;
  std::optional<Combination> veto;
  // Where its phrases come from, best first: its own verbs with its own
  // nouns, mixed with combinations that share one of them.
  std::vector<Combination> phrases;
};

struct IntentSpec {
  std::vector<std::string> phrases;
  std::string all_verbs;
  std::string all_nouns;
  std::string regex;
  std::string veto;
  // Messages that could be its example, best first: its phrases that have
  // no gap, each in the vocabulary's example sentence.
  std::vector<std::string> examples;
};

// Counts distinct terms as the classifier will: by compiled regex.
class TermCounter {
 public:
  explicit TermCounter(std::unique_ptr<PhraseCompiler> compiler)
      : compiler_(std::move(compiler)) {}

  // Adds the term of `phrase`; true when it is a new one.
  absl::StatusOr<bool> AddPhrase(const std::string& phrase) {
    absl::StatusOr<Term> term = compiler_->Phrase(phrase);
    if (!term.ok()) return term.status();
    return terms_.insert(term->Regex()).second;
  }
  absl::Status AddRegex(const std::string& text) {
    absl::StatusOr<Term> term = PhraseCompiler::Regex(text);
    if (!term.ok()) return term.status();
    terms_.insert(term->Regex());
    return absl::OkStatus();
  }
  size_t size() const { return terms_.size(); }

 private:
  std::unique_ptr<PhraseCompiler> compiler_;
  std::set<std::string> terms_;
};

std::string QuoteYaml(absl::string_view text) {
  return absl::StrCat("\"", text, "\"");
}

absl::StatusOr<std::vector<IntentSpec>> Intents(
    const Vocabulary& v, const std::vector<Topic>& topics,
    const std::vector<Combination>& combinations, int patterns) {
  absl::StatusOr<std::unique_ptr<PhraseCompiler>> compiler =
      PhraseCompiler::Create(v.locale);
  absl::StatusOr<std::unique_ptr<Stemmer>> stemmer = Stemmer::Create(v.locale);
  if (!compiler.ok()) return compiler.status();
  if (!stemmer.ok()) return stemmer.status();
  TermCounter terms(std::move(*compiler));
  std::vector<IntentSpec> intents(topics.size());
  for (size_t i = 0; i < topics.size(); ++i) {
    const Topic& topic = topics[i];
    IntentSpec& intent = intents[i];
    const char* verbs[2] = {v.verbs[topic.verbs[0]], v.verbs[topic.verbs[1]]};
    const char* nouns[2] = {v.nouns[topic.nouns[0]].nominative,
                            v.nouns[topic.nouns[1]].nominative};
    intent.all_verbs = absl::StrCat(verbs[0], " | ", verbs[1]);
    intent.all_nouns = absl::StrCat(nouns[0], " | ", nouns[1]);
    for (const char* word : {verbs[0], verbs[1], nouns[0], nouns[1]}) {
      absl::StatusOr<bool> added = terms.AddPhrase(word);
      if (!added.ok()) return added.status();
    }
    if (topic.regex) {
      // Stems with any ending, one optional word between, as an editor
      // writes them.
      const auto stem = [&](const char* word) {
        std::string first(word);
        first = first.substr(0, first.find(' '));
        return (*stemmer)->Stem(first);
      };
      intent.regex = absl::StrCat(
          "(", stem(verbs[0]), "|", stem(verbs[1]), ")\\w* (\\w+ )?(",
          stem(v.nouns[topic.nouns[0]].accusative), "|",
          stem(v.nouns[topic.nouns[1]].accusative), ")\\w*");
      absl::Status added = terms.AddRegex(intent.regex);
      if (!added.ok()) return added;
    }
    if (topic.veto) {
      intent.veto = PhraseOf(v, *topic.veto);
      absl::StatusOr<bool> added = terms.AddPhrase(intent.veto);
      if (!added.ok()) return added.status();
    }
  }
  if (terms.size() > static_cast<size_t>(patterns)) {
    return absl::InvalidArgumentError(
        absl::StrCat("the intents of ", patterns,
                     " patterns need more than that without any phrase"));
  }
  // Round the intents, one new phrase each, from the intent's own
  // combinations; from any combination once those are used up.
  std::vector<size_t> next(topics.size(), 0);
  size_t next_any = 0;
  const auto take = [&](size_t intent) -> absl::StatusOr<bool> {
    const std::vector<Combination>& own = topics[intent].phrases;
    while (next[intent] < own.size() || next_any < combinations.size()) {
      const bool from_own = next[intent] < own.size();
      const Combination& combination =
          from_own ? own[next[intent]++] : combinations[next_any++];
      const std::string phrase = PhraseOf(v, combination);
      absl::StatusOr<bool> added = terms.AddPhrase(phrase);
      if (!added.ok()) return added.status();
      if (!*added) continue;
      IntentSpec& spec = intents[intent];
      spec.phrases.push_back(phrase);
      if (combination.kind != Combination::kGap) {
        spec.examples.push_back(absl::Substitute(v.example, phrase));
      }
      return true;
    }
    return false;
  };
  for (size_t i = 0; terms.size() < static_cast<size_t>(patterns);
       i = (i + 1) % intents.size()) {
    absl::StatusOr<bool> taken = take(i);
    if (!taken.ok()) return taken.status();
    if (!*taken) {
      return absl::InvalidArgumentError(
          absl::StrCat("the vocabulary of '", v.locale, "' makes only ",
                       terms.size(), " distinct patterns"));
    }
  }
  return intents;
}

std::string IntentId(size_t index) {
  return absl::StrFormat("synthetic_%05d", index + 1);
}

std::string TopicName(const Vocabulary& v, const Topic& topic) {
  return absl::StrCat(v.verbs[topic.verbs[0]], " ",
                      v.nouns[topic.nouns[0]].accusative);
}

constexpr size_t kIntentsPerFile = 100;

// Writes the files of one locale; `examples` holds each intent's example,
// empty for none.
void AddLocale(const Vocabulary& v, const std::vector<Topic>& topics,
               const std::vector<IntentSpec>& intents,
               const std::vector<std::string>& examples,
               std::map<std::string, std::string>* files) {
  for (size_t first = 0; first < intents.size(); first += kIntentsPerFile) {
    std::string yaml = absl::StrCat("locale: ", v.locale, "\nintents:\n");
    for (size_t i = first;
         i < std::min(intents.size(), first + kIntentsPerFile); ++i) {
      const IntentSpec& intent = intents[i];
      absl::StrAppend(&yaml, "  - id: ", IntentId(i), "\n");
      absl::StrAppend(
          &yaml, "    description: ", QuoteYaml(TopicName(v, topics[i])), "\n");
      absl::StrAppend(&yaml, "    signals:\n");
      if (!intent.phrases.empty()) {
        absl::StrAppend(&yaml, "      - phrases: [",
                        absl::StrJoin(intent.phrases, ", "), "]\n");
      }
      absl::StrAppend(&yaml, "      - all: [", intent.all_verbs, ", ",
                      intent.all_nouns, "]\n        weight: 0.7\n");
      if (!intent.regex.empty()) {
        absl::StrAppend(&yaml, "      - regex: '", intent.regex,
                        "'\n        weight: 0.9\n");
      }
      if (!intent.veto.empty()) {
        absl::StrAppend(&yaml, "    vetoes:\n      - phrases: [", intent.veto,
                        "]\n");
      }
      if (!examples[i].empty()) {
        absl::StrAppend(&yaml, "    examples:\n      - ",
                        QuoteYaml(examples[i]), "\n");
      }
    }
    (*files)[absl::StrFormat("intents/%s/synthetic_%02d.yaml", v.locale,
                             first / kIntentsPerFile + 1)] = yaml;
  }
  std::string answers = absl::StrCat("locale: ", v.locale,
                                     "\nfacts:\n  name: Synthetic Shop\n"
                                     "answers:\n");
  for (size_t i = 0; i < intents.size(); ++i) {
    const std::string topic = TopicName(v, topics[i]);
    absl::StrAppend(&answers, "  - intent: ", IntentId(i), "\n",
                    "    topic: ", QuoteYaml(topic), "\n", "    variants:\n",
                    "      - ", QuoteYaml(absl::Substitute(v.answer, topic)),
                    "\n", "      - ",
                    QuoteYaml(absl::Substitute(v.named_answer, topic)), "\n");
  }
  for (const auto& [id, text] : v.reserved_answers) {
    absl::StrAppend(&answers, "  - intent: ", id, "\n");
    if (id == "handoff") absl::StrAppend(&answers, "    action: handoff\n");
    if (id == "fallback" || id == "which_topic") {
      absl::StrAppend(&answers, "    action: ask\n");
    }
    absl::StrAppend(&answers, "    variants: [", QuoteYaml(text), "]\n");
  }
  (*files)[absl::StrCat("rules/", v.locale, "/synthetic.yaml")] = answers;
}

std::array<const Vocabulary*, 2> Vocabularies() {
  return {&EnglishVocabulary(), &RussianVocabulary()};
}

// A pack before its examples are picked.
struct Draft {
  std::string pack_yaml;
  std::vector<Topic> topics;
  // By locale.
  std::map<std::string, std::vector<IntentSpec>> intents;
};

absl::StatusOr<Draft> MakeDraft(const SyntheticPackOptions& options) {
  if (options.patterns < 10) {
    return absl::InvalidArgumentError("a synthetic pack needs 10 patterns");
  }
  const Vocabulary& english = EnglishVocabulary();
  std::mt19937 random(options.seed);
  // About ten terms per intent, as in the shipped pack.
  const size_t intent_count = static_cast<size_t>(options.patterns) / 10;
  Draft draft;
  draft.topics.resize(intent_count);
  const auto pick = [&](size_t size) {
    return static_cast<int>(random() % size);
  };
  for (size_t i = 0; i < intent_count; ++i) {
    Topic& topic = draft.topics[i];
    topic.verbs[0] = pick(english.verbs.size());
    topic.verbs[1] = (topic.verbs[0] + 1 + pick(english.verbs.size() - 1)) %
                     static_cast<int>(english.verbs.size());
    topic.nouns[0] = pick(english.nouns.size());
    topic.nouns[1] = (topic.nouns[0] + 1 + pick(english.nouns.size() - 1)) %
                     static_cast<int>(english.nouns.size());
    topic.regex = i % 4 == 0;
    if (i % 5 == 0) {
      topic.veto = Combination{Combination::kAdjectiveNoun, 0,
                               pick(english.adjectives.size()),
                               pick(english.nouns.size())};
    }
    topic.phrases =
        TopicCombinations(english, topic.verbs, topic.nouns, &random);
  }
  const std::vector<Combination> combinations =
      AllCombinations(english, &random);

  draft.pack_yaml =
      absl::StrCat("name: synthetic-", options.patterns,
                   "\nlocales: [en, ru]\nscoring:\n  default_weight: 0.8\n"
                   "  min_score: 0.5\n  margin: 0.1\n");
  for (const Vocabulary* vocabulary : Vocabularies()) {
    absl::StatusOr<std::vector<IntentSpec>> intents =
        Intents(*vocabulary, draft.topics, combinations, options.patterns);
    if (!intents.ok()) return intents.status();
    draft.intents[vocabulary->locale] = *std::move(intents);
  }
  return draft;
}

// The files of `draft` with the examples `pick` chooses for each intent of
// a locale (empty for none).
using PickExamples = std::function<std::vector<std::string>(
    const std::string& locale, const std::vector<IntentSpec>& intents)>;

std::map<std::string, std::string> Files(const Draft& draft,
                                         const PickExamples& pick) {
  std::map<std::string, std::string> files;
  files["rules/pack.yaml"] = draft.pack_yaml;
  for (const Vocabulary* vocabulary : Vocabularies()) {
    const std::vector<IntentSpec>& intents =
        draft.intents.at(vocabulary->locale);
    AddLocale(*vocabulary, draft.topics, intents,
              pick(vocabulary->locale, intents), &files);
  }
  return files;
}

std::vector<std::string> FirstExamples(const std::string& /*locale*/,
                                       const std::vector<IntentSpec>& intents) {
  std::vector<std::string> examples;
  for (const IntentSpec& intent : intents) {
    examples.push_back(intent.examples.empty() ? "" : intent.examples.front());
  }
  return examples;
}

absl::Status WriteFiles(const std::string& root,
                        const std::map<std::string, std::string>& files) {
  namespace fs = std::filesystem;
  for (const auto& [relative, content] : files) {
    const fs::path path = fs::path(root) / relative;
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!(out << content) || !out.flush()) {
      return absl::InternalError(absl::StrCat("cannot write ", path.string()));
    }
  }
  return absl::OkStatus();
}

}  // namespace

absl::StatusOr<std::map<std::string, std::string>> SyntheticPack(
    const SyntheticPackOptions& options) {
  absl::StatusOr<Draft> draft = MakeDraft(options);
  if (!draft.ok()) return draft.status();
  return Files(*draft, FirstExamples);
}

absl::Status WriteSyntheticPack(const std::string& root,
                                const SyntheticPackOptions& options) {
  absl::StatusOr<Draft> draft = MakeDraft(options);
  if (!draft.ok()) return draft.status();
  absl::Status written = WriteFiles(root, Files(*draft, FirstExamples));
  if (!written.ok()) return written;
  // Examples do not change what the pack compiles to, so the pack as
  // written can judge every candidate.
  absl::StatusOr<std::unique_ptr<const RulePack>> pack = RulePack::Load(root);
  if (!pack.ok()) return pack.status();
  absl::StatusOr<std::unique_ptr<const Engine>> engine = Engine::Create(**pack);
  if (!engine.ok()) return engine.status();
  return WriteFiles(
      root, Files(*draft, [&](const std::string& locale,
                              const std::vector<IntentSpec>& intents) {
        std::vector<std::string> examples;
        for (size_t i = 0; i < intents.size(); ++i) {
          const std::string id = IntentId(i);
          std::string& chosen = examples.emplace_back();
          for (const std::string& candidate : intents[i].examples) {
            if ((*engine)
                    ->Classify(candidate, locale, false)
                    .intent()
                    .intent() == id) {
              chosen = candidate;
              break;
            }
          }
        }
        return examples;
      }));
}

}  // namespace firstline
