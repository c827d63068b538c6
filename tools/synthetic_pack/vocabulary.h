// The support vocabulary synthetic packs are built from, in English and
// Russian, with the word forms that agree with each noun.
#ifndef FIRSTLINE_TOOLS_SYNTHETIC_PACK_VOCABULARY_H_
#define FIRSTLINE_TOOLS_SYNTHETIC_PACK_VOCABULARY_H_

#include <array>
#include <map>
#include <string>
#include <vector>

namespace firstline {

// Forms of a word that agrees with a noun, by the noun's gender and case:
// masculine, feminine nominative, feminine accusative, neuter, plural.
// English words have one form.
using Forms = std::array<const char*, 5>;
enum Gender { kMasculine, kFeminine, kNeuter, kPlural };

struct Noun {
  const char* nominative;
  const char* accusative;
  Gender gender;
};

// A language's support vocabulary. The lists of the two languages are
// translations of each other, entry by entry, so intent N means the same
// in both.
struct Vocabulary {
  const char* locale;
  std::vector<const char*> verbs;
  std::vector<Noun> nouns;
  std::vector<Forms> determiners;
  std::vector<Forms> adjectives;
  std::vector<const char*> questions;
  const char* example;  // $0 is the phrase.
  const char* answer;   // $0 is the topic.
  const char* named_answer;
  std::map<std::string, std::string> reserved_answers;
};

// The two vocabularies; built once, never freed.
const Vocabulary& EnglishVocabulary();
const Vocabulary& RussianVocabulary();

// The form of `forms` that agrees with a noun of `gender` as the subject
// (nominative) or the object (accusative) of a phrase.
const char* Subject(const Forms& forms, Gender gender);
const char* Object(const Forms& forms, Gender gender);

}  // namespace firstline

#endif  // FIRSTLINE_TOOLS_SYNTHETIC_PACK_VOCABULARY_H_
