//! What to do about each segment, in Russian, Ukrainian and English.
//!
//! The methods come from the source articles (seeds 000-004: the monthly ABC-XYZ
//! review, ABCDX with win-back and "change the terms or part ways", the pool that
//! must not leak, loyalty x profitability); the wording is ours. The texts travel
//! inside the Report so the page and the CLI show the same advice.

use serde::Serialize;

/// A text of the catalogue (crate/texts.json) by its key: the Report carries the
/// code and each view looks up the words in the user's language.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct Text(pub &'static str);

impl Text {
    pub fn get(self, lang: crate::lang::Lang) -> &'static str {
        lang.t(self.0)
    }
}

/// A catalogue key.
pub type T3 = &'static str;

pub fn text(t: T3) -> Text {
    Text(t)
}

/// A segment's name, the goal of working with it and the first actions.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, schemars::JsonSchema)]
pub struct Playbook {
    pub title: Text,
    pub goal: Text,
    pub actions: Vec<Text>,
}

struct Entry {
    title: T3,
    goal: T3,
    actions: &'static [T3],
}

fn build(e: &Entry) -> Playbook {
    Playbook { title: text(e.title), goal: text(e.goal), actions: e.actions.iter().copied().map(text).collect() }
}

/// ABC-XYZ matrix cells, row by row: AX AY AZ BX BY BZ CX CY CZ.
const MATRIX: [Entry; 9] = [
    Entry {
        title: "playbook.coreLargeAndRegular",
        goal: "playbook.keepThemAndDeepenThe",
        actions: &[
            "playbook.giveEachOneANamed",
            "playbook.meetTheDecisionMakersNot",
            "playbook.checkVolumeFrequencyAndAverage",
            "playbook.offerWhatTheyBuyElsewhere",
        ],
    },
    Entry {
        title: "playbook.largeWithGaps",
        goal: "playbook.makeTheirBuyingRegularWithout",
        actions: &[
            "playbook.learnTheirBuyingCycleAnd",
            "playbook.proposeASupplyAgreementOr",
            "playbook.findOutWhomTheyBuy",
        ],
    },
    Entry {
        title: "playbook.largeOneOff",
        goal: "playbook.findOutWhetherItWas",
        actions: &[
            "playbook.askAboutTheirPlansWill",
            "playbook.meetTheClientSSenior",
            "playbook.doNotTakeAttentionFrom",
        ],
    },
    Entry {
        title: "playbook.midSizeAndRegular",
        goal: "playbook.growTheOrderSizeAnd",
        actions: &[
            "playbook.estimateThePotentialHowMuch",
            "playbook.offerRelatedAndPremiumItems",
            "playbook.rewardGrowthInVolumeA",
        ],
    },
    Entry {
        title: "playbook.midSizeWithGaps",
        goal: "playbook.makePurchasesMoreFrequentAnd",
        actions: &[
            "playbook.remindThemOfTheNext",
            "playbook.offerALoyaltyProgrammeWith",
            "playbook.buildOffersFromTheirPurchase",
        ],
    },
    Entry {
        title: "playbook.midSizeOccasional",
        goal: "playbook.understandTheirDemandAndKeep",
        actions: &[
            "playbook.askHowTheySolveThe",
            "playbook.tieOffersToTheirProjects",
            "playbook.automateRemindersGiveManagerTime",
        ],
    },
    Entry {
        title: "playbook.smallAndRegular",
        goal: "playbook.serveThemEfficientlyAndRaise",
        actions: &[
            "playbook.standardTermsAndEasySelf",
            "playbook.bundlesAndAMinimumOrder",
            "playbook.watchForGrowthARegular",
        ],
    },
    Entry {
        title: "playbook.smallWithGaps",
        goal: "playbook.keepInTouchAtMinimal",
        actions: &["playbook.massMailingsAndPromotionsThrough", "playbook.checkThePotentialALarge"],
    },
    Entry {
        title: "playbook.smallAndRare",
        goal: "playbook.minimalManualEffortFindThe",
        actions: &[
            "playbook.automatedCommunicationOnly",
            "playbook.avoidDeepDiscountsSuchA",
            "playbook.ifServingThemIsCostly",
        ],
    },
];

pub fn matrix_cell(index: usize) -> Playbook {
    build(&MATRIX[index.min(MATRIX.len() - 1)])
}

/// ABCDX groups: A, B, C, AD, BD, CD, X.
const ABCDX: [Entry; 7] = [
    Entry {
        title: "playbook.aTheLargest",
        goal: "playbook.keepThemFewButThey",
        actions: &["playbook.aPersonalManagerAStrategy", "playbook.doNotDependOnOne"],
    },
    Entry {
        title: "playbook.bTheMiddle",
        goal: "playbook.developThemTheLargestGroup",
        actions: &["playbook.findTheNeedsTheClient", "playbook.aDevelopmentPlanAWider"],
    },
    Entry {
        title: "playbook.cSmall",
        goal: "playbook.serveThemEvenlyAndCheaply",
        actions: &["playbook.standardTermsAndAutomatedReminders", "playbook.compareWithThePotentialWho"],
    },
    Entry {
        title: "playbook.adALargeClientStopped",
        goal: "playbook.winThemBackWithEvery",
        actions: &["playbook.aSeniorPersonMeetsThe", "playbook.askWhatLedThemTo", "playbook.buildAWinBackPlan"],
    },
    Entry {
        title: "playbook.bdAMidSizeClient",
        goal: "playbook.winThemBackRightAfter",
        actions: &["playbook.aManagerSCallLearn", "playbook.aPersonalOfferBasedOn"],
    },
    Entry {
        title: "playbook.cdASmallClientStopped",
        goal: "playbook.winBackOnlyIfIt",
        actions: &["playbook.anAutomatedMessageWithA", "playbook.aShortSurveyWhyThey"],
    },
    Entry {
        title: "playbook.xCostsMoreToServe",
        goal: "playbook.changeTheTermsOrPart",
        actions: &["playbook.countWhatTheClientCosts", "playbook.offerNewTermsPriceA", "playbook.ifTheTermsAreRefused"],
    },
];

pub fn abcdx_group(index: usize) -> Playbook {
    build(&ABCDX[index.min(ABCDX.len() - 1)])
}

const POTENTIAL: Entry = Entry {
    title: "playbook.potentialAboveFact",
    goal: "playbook.bringPurchasesUpToThe",
    actions: &["playbook.learnTheClientSTasks", "playbook.writeADevelopmentPlanRange"],
};

pub fn potential_gap() -> Playbook {
    build(&POTENTIAL)
}

/// Loyalty x profitability quadrants I..IV.
const QUADRANTS: [Entry; 4] = [
    Entry {
        title: "playbook.iLowLoyaltyLowProfit",
        goal: "playbook.widenTheInflowFutureLoyal",
        actions: &[
            "playbook.evenReliablyGoodServiceWithout",
            "playbook.massCommunicationAndPromotions",
            "playbook.inLastingConflictsEndingThe",
        ],
    },
    Entry {
        title: "playbook.iiLoyalLowProfit",
        goal: "playbook.theGoldenReserveRaiseFrequency",
        actions: &["playbook.giveRegularReasonsToCome", "playbook.askForReferralsAndReward"],
    },
    Entry {
        title: "playbook.iiiLoyalAndProfitable",
        goal: "playbook.keepThemAndBuildA",
        actions: &[
            "playbook.theBestServiceAndQuality",
            "playbook.studyTheirTasksAheadAnd",
            "playbook.aLoyaltyProgrammeAndPleasant",
        ],
    },
    Entry {
        title: "playbook.ivProfitableNotLoyal",
        goal: "playbook.learnWhatCompetitorsGiveThem",
        actions: &[
            "playbook.collectFeedbackWhatIsMissing",
            "playbook.studyCompetitorsOffersAndFix",
            "playbook.tellThemAboutBetterTerms",
        ],
    },
];

pub fn quadrant(index: usize) -> Playbook {
    build(&QUADRANTS[index.min(QUADRANTS.len() - 1)])
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::lang::Lang;

    #[test]
    fn every_text_exists_in_three_languages() {
        let all: Vec<Playbook> = (0..9)
            .map(matrix_cell)
            .chain((0..7).map(abcdx_group))
            .chain((0..4).map(quadrant))
            .chain([potential_gap()])
            .collect();
        for p in &all {
            let texts = [&p.title, &p.goal].into_iter().chain(&p.actions);
            for t in texts {
                let (ru, uk, en) = (t.get(Lang::Ru), t.get(Lang::Uk), t.get(Lang::En));
                assert!(!ru.is_empty() && !uk.is_empty() && !en.is_empty());
                assert_ne!(ru, uk, "{en}");
                assert!(en.is_ascii(), "{en}");
            }
            assert!(p.actions.len() >= 2, "{}", p.title.get(Lang::En));
        }
        assert!(matrix_cell(0).title.get(Lang::En).starts_with("Core"));
        assert!(quadrant(1).goal.get(Lang::En).contains("golden reserve"));
    }
}
