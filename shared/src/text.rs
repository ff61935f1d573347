//! Every word the app shows that is not in the content pack, in one place.
//!
//! Written in plain English: short sentences, active voice, "you" for the councillor. Keeping
//! them here means all three shells say the same thing, and a translation touches one file.

pub const APP_NAME: &str = "Networked Councillor";

// Navigation
pub const TAB_HOME: &str = "Home";
pub const TAB_PATH: &str = "Learning path";
pub const TAB_REVIEW: &str = "Review";
pub const TAB_ASSESSMENT: &str = "Self-assessment";
pub const TAB_CHECKLISTS: &str = "Checklists";
pub const TAB_SETTINGS: &str = "Settings";
pub const BACK: &str = "Back";
pub const DISMISS: &str = "Dismiss";
pub const LOADING: &str = "Opening your progress…";
pub const SKIP_LINK: &str = "Skip to main content";
pub const NAV_LABEL: &str = "Menu";
pub const WARNING_LABEL: &str = "Warning";
pub const NOTICE_INFO: &str = "Important";
pub const NOTICE_SUCCESS: &str = "Success";
pub const NOTICE_ERROR: &str = "There is a problem";
pub const LOAD_FAILED_HEADING: &str = "We could not open your progress";

// Home
pub fn greeting(name: &str) -> String {
    if name.is_empty() {
        "Welcome".to_owned()
    } else {
        format!("Welcome back, {name}")
    }
}
pub fn lessons_done(done: usize, total: usize) -> String {
    format!("You have finished {done} of {total} lessons.")
}
pub const RESUME_HEADING: &str = "Continue where you left off";
pub const NEXT_HEADING: &str = "Next lesson";
pub const FIRST_HEADING: &str = "Start here";
pub const CONTINUE: &str = "Continue";
pub const START_LESSON: &str = "Start lesson";
pub const ALL_DONE: &str =
    "You have finished every lesson. Well done. Keep your skills fresh with review and checklists.";
pub const REVIEW_HEADING: &str = "Review";
pub fn review_due(count: usize) -> String {
    match count {
        0 => "No questions to review right now.".to_owned(),
        1 => "1 question to review.".to_owned(),
        n => format!("{n} questions to review."),
    }
}
pub const START_REVIEW: &str = "Start review";
pub fn next_review(when: &str) -> String {
    format!("Your next review is {when}.")
}
pub const ASSESSMENT_HEADING: &str = "Your digital footprint";
pub const ASSESSMENT_NEVER: &str =
    "Find out where you are now and what to learn first. It takes about 10 minutes.";
pub fn assessment_last(stage: &str, date: &str) -> String {
    format!("Last time you were at the {stage} stage ({date}).")
}
pub const TAKE_ASSESSMENT: &str = "Take the self-assessment";
pub const CHECKLISTS_HEADING: &str = "Checklists";

// Learning path
pub const PATH_HEADING: &str = "Your learning path";
pub const PATH_INTRO: &str = "Work through the modules in order. Each lesson takes 3 to 6 minutes and ends with a short quiz.";
pub fn module_number(n: usize) -> String {
    format!("Module {n}")
}
pub const LOCKED: &str = "Locked";
pub const NOT_STARTED: &str = "Not started";
pub const IN_PROGRESS: &str = "In progress";
pub const COMPLETE: &str = "Complete";
pub fn unlock_after(titles: &[&str]) -> String {
    format!("Finish {} to open this module.", join_and(titles))
}
pub fn lessons_progress(done: usize, total: usize) -> String {
    format!("{done} of {total} lessons done")
}
pub fn minutes_read(minutes: u32) -> String {
    format!("{minutes} min read")
}
pub fn open_lesson(title: &str) -> String {
    format!("Open lesson: {title}")
}
pub fn lesson_locked(module: &str) -> String {
    format!("This lesson opens when you finish what comes before {module}.")
}
pub const UNKNOWN_LESSON: &str =
    "We could not find that lesson. It may have been removed in an update.";

// Lesson reader
pub fn step_of(step: u32, total: u32) -> String {
    format!("Step {step} of {total}")
}
pub const PREVIOUS: &str = "Previous";
pub const NEXT: &str = "Next";
pub const START_QUIZ: &str = "Start the quiz";
pub const EXAMPLE: &str = "Example";
pub fn based_on(sources: &[&str]) -> String {
    format!("Based on: {}.", sources.join("; "))
}

// Questions
pub fn quiz_heading(lesson: &str) -> String {
    format!("Quiz: {lesson}")
}
pub fn question_of(n: usize, total: usize) -> String {
    format!("Question {n} of {total}")
}
pub const CHOOSE_ONE: &str = "Choose one answer.";
pub const CHOOSE_ALL: &str = "Select all that apply.";
pub const TRUE_OR_FALSE: &str = "Is this true or false?";
pub const TRUE: &str = "True";
pub const FALSE: &str = "False";
pub const CHECK_ANSWER: &str = "Check answer";
pub const NEXT_QUESTION: &str = "Next question";
pub const SEE_SCORE: &str = "See your score";
pub const CORRECT: &str = "Correct";
pub const NOT_QUITE: &str = "Not quite";
pub const MARK_CORRECT: &str = "Your answer: right";
pub const MARK_INCORRECT: &str = "Your answer: not right";
pub const MARK_MISSED: &str = "The right answer";
pub fn right_answers(texts: &[&str]) -> String {
    if texts.len() == 1 {
        format!("The right answer is: {}.", texts[0])
    } else {
        format!("The right answers are: {}.", join_and(texts))
    }
}
pub const CHOOSE_FIRST: &str = "Choose an answer first.";
pub fn score(score: u32, total: u32) -> String {
    format!("You got {score} out of {total} right.")
}
pub fn pass_mark(mark: u32, total: u32) -> String {
    format!("You need {mark} out of {total} to pass.")
}
pub const PASSED: &str = "You passed";
pub const NOT_PASSED: &str = "Not passed yet";
pub const PASSED_TEXT: &str =
    "This lesson is complete. Questions you missed will come back in your review.";
pub const NOT_PASSED_TEXT: &str = "Read the lesson again if it helps, then try the quiz again.";
pub const TRY_AGAIN: &str = "Try the quiz again";
pub const REREAD: &str = "Read the lesson again";
pub const NEXT_LESSON: &str = "Next lesson";
pub const BACK_TO_PATH: &str = "Back to your learning path";
pub const QUIZ_ENDED: &str = "This quiz has ended. Try it again to answer more questions.";

// Review
pub const REVIEW_TITLE: &str = "Review missed questions";
pub const REVIEW_INTRO: &str = "Questions you missed come back after 1, 3, 7, 14 and 30 days. A session takes about 2 minutes.";
pub const REVIEW_EMPTY: &str =
    "Nothing to review yet. Questions you get wrong in a quiz will come back here.";
pub const REVIEW_NONE_DUE: &str = "You are up to date. Nothing is due for review.";
pub const REVIEW_DONE: &str = "Review finished";
pub fn review_result(correct: usize, total: usize) -> String {
    format!("You got {correct} of {total} right. Questions you missed will come back tomorrow.")
}
pub const BACK_HOME: &str = "Back to home";

// Self-assessment
pub fn assessment_facts(minutes: u32, items: usize) -> Vec<String> {
    vec![
        format!("About {minutes} minutes"),
        format!("{items} questions"),
    ]
}
pub const ASSESSMENT_PRIVACY: &str =
    "Your answers stay on this device. They are only backed up if you turn on backup in Settings.";
pub const START_ASSESSMENT: &str = "Start";
pub const SEE_LAST_RESULT: &str = "See your last result";
pub const FINISH_ASSESSMENT: &str = "See your result";
pub const YES: &str = "Yes";
pub const NO: &str = "No";
pub const NOT_SURE: &str = "Not sure";
pub const FREQUENCIES: [&str; 4] = ["Never", "Now and then", "Every week", "Every day"];
pub const ANSWER_FIRST: &str = "Choose an answer to go on.";
pub const RESULT_HEADING: &str = "Your result";
pub fn result_date(date: &str) -> String {
    format!("Taken on {date}.")
}
pub fn stage_is(stage: &str) -> String {
    format!("You are at the {stage} stage.")
}
pub fn stage_position(n: usize, total: usize) -> String {
    format!("Stage {n} of {total}")
}
pub fn overall(score: u32) -> String {
    format!("Overall score: {score} out of 100.")
}
pub const CHART_TITLE: &str = "Score by area, out of 100";
pub const THIS_TIME: &str = "This time";
pub const LAST_TIME: &str = "Last time";
pub fn chart_summary(parts: &[String]) -> String {
    format!("{}.", parts.join(". "))
}
pub fn area_score(area: &str, score: u32, previous: Option<u32>) -> String {
    match previous {
        Some(p) => format!("{area}: {score} this time, {p} last time"),
        None => format!("{area}: {score}"),
    }
}
pub fn change(score: u32, previous: Option<u32>) -> String {
    match previous {
        None => String::new(),
        Some(p) if score > p => format!("Up {} since last time", score - p),
        Some(p) if score < p => format!("Down {} since last time", p - score),
        Some(_) => "Same as last time".to_owned(),
    }
}
pub fn compared_with(date: &str) -> String {
    format!("Compared with your last attempt on {date}.")
}
pub const FOCUS_HEADING: &str = "What to work on first";
pub fn out_of_100(score: u32) -> String {
    format!("{score} out of 100")
}
pub fn open_module(title: &str) -> String {
    format!("Go to module: {title}")
}
pub const RETAKE: &str = "Take it again";

// Checklists
pub const CHECKLISTS_INTRO: &str =
    "Use a checklist when you plan and run something. Tick items as you go and add notes.";
pub fn items_count(n: usize) -> String {
    format!("{n} items")
}
pub const START_CHECKLIST: &str = "Start";
pub const CONTINUE_CHECKLIST: &str = "Continue";
pub const EARLIER_RUNS: &str = "Your checklists";
pub const MORE_RUNS: &str = "Show earlier checklists";
pub const NO_RUNS: &str = "You have not started a checklist yet.";
pub fn done_of(done: usize, total: usize) -> String {
    format!("{done} of {total} done")
}
pub fn started_on(date: &str) -> String {
    format!("Started {date}")
}
pub fn finished_on(date: &str) -> String {
    format!("Finished {date}")
}
pub const OPEN: &str = "Open";
pub const FINISH_RUN: &str = "Finish checklist";
pub const RUN_FINISHED: &str = "This checklist is finished. Start a new one to make changes.";
pub const ADD_NOTE: &str = "Add a note";
pub const EDIT_NOTE: &str = "Edit note";
pub const SAVE_NOTE: &str = "Save note";
pub const NOTES_PRIVATE: &str = "Notes stay on this device unless you turn on backup in Settings.";
pub const UNKNOWN_CHECKLIST: &str =
    "We could not find that checklist. It may have been removed in an update.";
pub const NOTE_SAVED: &str = "Note saved.";
pub const RUN_DONE: &str = "Checklist finished. You can look back at it any time.";

// Settings
pub const SETTINGS_HEADING: &str = "Settings";
pub const NAME_LABEL: &str = "Your name";
pub const NAME_HINT: &str = "We use it to greet you. It stays on your devices.";
pub const SAVE: &str = "Save";
pub const NAME_SAVED: &str = "Name saved.";
pub const NAME_TOO_LONG: &str = "Use 60 characters or fewer for your name.";
pub const BACKUP_LABEL: &str = "Back up my self-assessment answers and checklist notes";
pub const BACKUP_HINT: &str = "Off by default. When on, they are copied to your council's server so your other devices can see them.";
pub const BACKUP_ON: &str = "Backup is on. Your answers and notes will be copied when you sync.";
pub const BACKUP_OFF: &str = "Backup is off. Your answers and notes stay on this device.";
pub const TURN_ON: &str = "Turn on";
pub const TURN_OFF: &str = "Turn off";
pub const DELETE_HEADING: &str = "Delete my data on this device";
pub const DELETE_TEXT: &str = "This removes your progress, answers and notes from this device. Anything already synced stays on your council's server.";
pub const DELETE: &str = "Delete my data";
pub const DELETE_WARNING: &str = "Are you sure? This cannot be undone on this device.";
pub const DELETE_CONFIRM: &str = "Yes, delete my data";
pub const CANCEL: &str = "Cancel";
pub const DELETED: &str = "Your data has been deleted from this device.";
pub fn about(pack: &str, version: u32) -> String {
    format!("Content: {pack}, version {version}.")
}

// Storage and sync
pub const SAVE_FAILED: &str = "We could not save your last change on this device";
pub fn store_failed(message: &str) -> String {
    format!("{SAVE_FAILED}: {message}")
}
pub const LOCAL_ONLY: &str =
    "Saved on this device. Join your council's programme in Settings to back up and sync.";
pub const OFFLINE: &str = "Saved on this device. Will sync when online.";
pub const SYNCING: &str = "Syncing…";
pub const NEVER_SYNCED: &str = "Joined. Not synced yet.";
pub fn synced(ago: &str) -> String {
    format!("Synced {ago}")
}
pub fn waiting(n: usize) -> String {
    if n == 1 {
        "1 change waiting to sync.".to_owned()
    } else {
        format!("{n} changes waiting to sync.")
    }
}
pub fn retrying(when: &str) -> String {
    format!("Could not reach the server. Will try again {when}.")
}
pub fn could_not_sync(n: usize) -> String {
    if n == 1 {
        "1 item could not sync – see why".to_owned()
    } else {
        format!("{n} items could not sync – see why")
    }
}
pub const SEE_WHY: &str = "See why";
pub const SIGNED_OUT: &str = "This device is no longer joined to your council's server. Join again in Settings. Your progress is safe on this device.";
pub const UNREACHABLE: &str = "Could not reach the server.";
pub fn server_error(status: u16) -> String {
    format!("The server could not take the changes (error {status}). We will try again.")
}
pub const UNREADABLE_ANSWER: &str =
    "The server sent an answer this app could not read. You may need to update the app.";
pub const REJECTED_NO_REASON: &str = "The server did not accept this item and gave no reason.";
pub const STILL_OFFLINE: &str = "You are offline. Your changes will sync when you are back online.";
pub const BAD_SERVER: &str = "Enter the server address in full, starting with https://";
pub const NO_COHORT_CODE: &str = "Enter the code your programme lead gave you.";
pub const NO_PAIRING_CODE: &str = "Enter the code shown on your other device.";
pub fn cannot_reach(server: &str) -> String {
    format!("We could not reach {server}. Check the address and your connection, then try again.")
}
pub const UNKNOWN_CODE: &str = "We did not recognise that code. Check it with your programme lead.";
pub const BAD_PAIRING_CODE: &str =
    "That pairing code did not work. It may have expired. Get a new code on your other device.";
pub fn joined(cohort: &str) -> String {
    format!("You have joined {cohort}. Your progress will sync when you are online.")
}
pub const PAIRING_FAILED: &str =
    "We could not get a pairing code. Check your connection and try again.";
pub const DELETE_ACCOUNT_FAILED: &str =
    "We could not delete your account on the server. Check your connection and try again.";
pub const ACCOUNT_DELETED: &str = "Your account and everything stored for it on the server have been deleted. Your progress is still on this device.";
pub const NEW_CONTENT: &str = "New learning content has arrived. Your progress is kept.";

// Settings: sync
pub const SYNC_HEADING: &str = "Sync and backup";
pub const JOIN_HEADING: &str = "Join your council's programme";
pub const JOIN_TEXT: &str = "Joining backs up your progress and lets you use the app on more than one device. Your programme lead gives you the code.";
pub const SERVER_LABEL: &str = "Server address";
pub const SERVER_HINT: &str =
    "Your programme lead will tell you this, for example https://learn.yourcouncil.gov.uk";
pub const CODE_LABEL: &str = "Programme code";
pub const JOIN: &str = "Join";
pub const PAIR_HEADING: &str = "Already joined on another device?";
pub const PAIR_TEXT: &str = "On your other device, go to Settings and choose Add another device. Then enter the code it shows.";
pub const PAIR_CODE_LABEL: &str = "Pairing code";
pub const PAIR_CODE_HINT: &str =
    "It has 12 letters and numbers. Capital letters and spaces do not matter.";
pub const PAIR: &str = "Add this device";
pub const WORKING: &str = "Please wait…";
pub fn joined_to(cohort: &str) -> String {
    format!("You have joined {cohort}.")
}
pub const SYNC_NOW: &str = "Sync now";
pub const ADD_DEVICE: &str = "Add another device";
pub fn pairing_code(code: &str, until: &str) -> String {
    format!("Enter this code on your other device: {code}. It works until {until} and only once.")
}
pub const PROBLEMS_HEADING: &str = "Items that could not sync";
pub const PROBLEMS_TEXT: &str = "These stay on this device. Nothing is lost.";
pub const DELETE_ACCOUNT_HEADING: &str = "Delete my account on the server";
pub const DELETE_ACCOUNT_TEXT: &str = "This deletes everything stored for you on your council's server. Your progress stays on this device.";
pub const DELETE_ACCOUNT: &str = "Delete my account";
pub const DELETE_ACCOUNT_WARNING: &str =
    "Are you sure? The server copy of your progress will be gone for good.";
pub const DELETE_ACCOUNT_CONFIRM: &str = "Yes, delete my account";
pub fn unreadable_records(n: usize) -> String {
    if n == 1 {
        "1 saved item could not be read. It is kept on this device but not shown.".to_owned()
    } else {
        format!("{n} saved items could not be read. They are kept on this device but not shown.")
    }
}

/// "A", "A and B", "A, B and C".
pub fn join_and(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

// Sharing with the programme lead, the baseline, and "Was this useful?"
pub const SHARING_HEADING: &str = "What your programme lead sees";
pub const SHARE_PROGRESS_LABEL: &str = "Share my progress with my programme lead";
pub const SHARE_PROGRESS_HINT: &str = "Off by default. Your lead sees your name, the modules and lessons you have finished, your quiz scores, how many checklists you have run, and when you were last active. They never see your self-assessment answers or your checklist notes.";
pub const SHARE_PROGRESS_ON: &str = "Your programme lead can see your progress.";
pub const SHARE_PROGRESS_OFF: &str =
    "Your progress is not shared. Your lead sees how many members do not share, but not who.";
pub const SHARE_PROMPT_HEADING: &str =
    "Do you want to share your progress with your programme lead?";
pub const SHARE_PROMPT_TEXT: &str = "Your lead runs this programme and can help if you fall behind. You can change this at any time below.";
pub const LEAD_WILL_SEE: &str = "If you share, your lead will see:";
pub const LEAD_WILL_SEE_LIST: [&str; 4] = [
    "your name",
    "the modules and lessons you have finished, and your quiz scores",
    "how many checklists you have run",
    "when you were last active",
];
pub const LEAD_WILL_NOT_SEE: &str = "Your lead will never see:";
pub const LEAD_WILL_NOT_SEE_LIST: [&str; 3] = [
    "your self-assessment answers",
    "your checklist notes",
    "your comments, unless you tick that they may",
];
pub const SHARE_YES: &str = "Share my progress";
pub const SHARE_NO: &str = "Do not share";
pub const SHARE_STARTED: &str = "Your progress is now shared with your programme lead.";
pub const SHARE_STOPPED: &str =
    "You have stopped sharing. Your lead stops seeing your progress when this device next syncs.";

pub const BASELINE_LABEL: &str = "Add my result to the anonymous baseline";
pub const BASELINE_HINT: &str = "Off by default. The baseline compares councils without naming anyone. Only your stage, your area scores and the month you took the assessment are added. Your answers stay private. Small groups are never shown.";
pub const BASELINE_ON: &str = "Your latest result is in the baseline. A new result replaces it.";
pub const BASELINE_OFF: &str = "Your result is not in the baseline.";
pub const BASELINE_ADDED: &str = "Your result is now in the anonymous baseline.";
pub const BASELINE_REMOVED: &str =
    "You have taken your result out. It leaves the baseline when this device next syncs.";

pub const USEFUL_QUESTION: &str = "Was this useful?";
pub const USEFUL_HINT: &str =
    "Your rating helps your council improve the programme. It is shared without your name.";
pub const USEFUL_SCALE: [&str; 5] = [
    "1 – Not useful",
    "2 – A little useful",
    "3 – Quite useful",
    "4 – Very useful",
    "5 – Extremely useful",
];
pub const USEFUL_COMMENT_LABEL: &str = "Comment (optional)";
pub const USEFUL_COMMENT_HINT: &str = "What would make this better?";
pub const USEFUL_SHARE_COMMENT: &str = "My programme lead may read my comment";
pub const USEFUL_SEND: &str = "Send rating";
pub const USEFUL_PICK_RATING: &str = "Choose a rating from 1 to 5.";
pub const COMMENT_TOO_LONG: &str = "Use 1,000 characters or fewer for your comment.";
pub fn rated(rating: u8) -> String {
    format!("You rated this {rating} out of 5. Thank you.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_naturally() {
        assert_eq!(join_and(&["Start here"]), "Start here");
        assert_eq!(join_and(&["A", "B"]), "A and B");
        assert_eq!(join_and(&["A", "B", "C"]), "A, B and C");
        assert_eq!(right_answers(&["Yes"]), "The right answer is: Yes.");
        assert_eq!(
            right_answers(&["A", "B"]),
            "The right answers are: A and B."
        );
    }

    #[test]
    fn counts_use_the_right_plural() {
        assert_eq!(review_due(0), "No questions to review right now.");
        assert_eq!(review_due(1), "1 question to review.");
        assert_eq!(review_due(4), "4 questions to review.");
    }
}
