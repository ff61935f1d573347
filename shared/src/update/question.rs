//! Answering questions in a quiz or a review session.

use crux_core::Command;

use super::Cmd;
use crate::model::{Model, NoticeKind, Screen};
use crate::quiz::{Outcome, QuizSession, QuizState, Refusal};
use crate::record::RecordBody;
use crate::review::ReviewState;
use crate::text;

impl Model {
    fn refused(&mut self, refusal: Refusal) -> Cmd {
        match refusal {
            Refusal::NothingChosen => self.inform(NoticeKind::Info, text::CHOOSE_FIRST),
            Refusal::NotNow => {
                if matches!(&self.screen, Screen::Quiz(s) if matches!(s.state, QuizState::Finished { .. }))
                {
                    self.inform(NoticeKind::Info, text::QUIZ_ENDED);
                }
            }
            Refusal::NoSuchOption => {}
        }
        Command::done()
    }

    pub(super) fn choose_option(&mut self, option: &str) -> Cmd {
        let content = self.content.clone();
        let result = match &mut self.screen {
            Screen::Quiz(session) => match content.lesson(&session.lesson) {
                Some((_, lesson)) => session.choose(&lesson.quiz, option),
                None => Err(Refusal::NotNow),
            },
            Screen::Review(session) => match &mut session.state {
                ReviewState::Question { index, answering } => {
                    match content.question(&session.questions[*index]) {
                        Some((_, question)) => answering.choose(question, option),
                        None => Err(Refusal::NotNow),
                    }
                }
                _ => Err(Refusal::NotNow),
            },
            _ => Err(Refusal::NotNow),
        };
        result.map_or_else(|refusal| self.refused(refusal), |()| Command::done())
    }

    pub(super) fn check_answer(&mut self) -> Cmd {
        let content = self.content.clone();
        match &mut self.screen {
            Screen::Quiz(session) => {
                let Some((_, lesson)) = content.lesson(&session.lesson) else {
                    return Command::done();
                };
                match session.check(&lesson.quiz) {
                    Ok(Outcome::Answered {
                        question,
                        chosen,
                        correct,
                    }) => {
                        let lesson = session.lesson.clone();
                        self.record(vec![RecordBody::QuizAnswered {
                            lesson,
                            question,
                            chosen,
                            correct,
                        }])
                    }
                    Ok(_) => Command::done(),
                    Err(refusal) => self.refused(refusal),
                }
            }
            Screen::Review(session) => {
                let ReviewState::Question { index, answering } = &mut session.state else {
                    return Command::done();
                };
                let id = session.questions[*index].clone();
                let Some((_, question)) = content.question(&id) else {
                    return Command::done();
                };
                match answering.check(question) {
                    Ok(correct) => {
                        session.correct += usize::from(correct);
                        self.record(vec![RecordBody::ReviewAnswered {
                            question: question.id.clone(),
                            correct,
                        }])
                    }
                    Err(refusal) => self.refused(refusal),
                }
            }
            _ => Command::done(),
        }
    }

    pub(super) fn next_question(&mut self) -> Cmd {
        let content = self.content.clone();
        match &mut self.screen {
            Screen::Quiz(session) => {
                let Some((_, lesson)) = content.lesson(&session.lesson) else {
                    return Command::done();
                };
                match session.next(&lesson.quiz) {
                    Ok(Outcome::Finished {
                        score,
                        total,
                        passed,
                    }) => {
                        let lesson = session.lesson.clone();
                        self.record(vec![RecordBody::QuizFinished {
                            lesson,
                            score,
                            total,
                            passed,
                        }])
                    }
                    Ok(_) => Command::done(),
                    Err(refusal) => self.refused(refusal),
                }
            }
            Screen::Review(session) => {
                session.advance();
                Command::done()
            }
            _ => Command::done(),
        }
    }

    pub(super) fn retry_quiz(&mut self) -> Cmd {
        if let Screen::Quiz(session) = &self.screen
            && matches!(session.state, QuizState::Finished { .. })
        {
            // The finished attempt is already recorded, so this one gets a new order.
            let attempt = self.finished_attempts(&session.lesson);
            self.screen = Screen::Quiz(QuizSession::new(&session.lesson, attempt));
        }
        Command::done()
    }
}
