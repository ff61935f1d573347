//! The content the core teaches: the default pack compiled in at build time, with fast lookups by id.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use content::{Checklist, Lesson, Module, Pack, Question};

/// The default pack, checked and serialized by `build.rs`.
static DEFAULT_PACK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/pack.bin"));

/// A pack with indexes from ids to positions.
#[derive(Debug)]
pub struct Content {
    pub pack: Pack,
    lessons: HashMap<String, (usize, usize)>,
    modules: HashMap<String, usize>,
    questions: HashMap<String, (usize, usize, usize)>,
    checklists: HashMap<String, usize>,
}

impl PartialEq for Content {
    fn eq(&self, other: &Self) -> bool {
        self.pack == other.pack
    }
}

impl Content {
    pub fn new(pack: Pack) -> Self {
        let mut lessons = HashMap::new();
        let mut modules = HashMap::new();
        let mut questions = HashMap::new();
        for (m, module) in pack.modules.iter().enumerate() {
            modules.insert(module.id.clone(), m);
            for (l, lesson) in module.lessons.iter().enumerate() {
                lessons.insert(lesson.id.clone(), (m, l));
                for (q, question) in lesson.quiz.questions.iter().enumerate() {
                    questions.insert(question.id.clone(), (m, l, q));
                }
            }
        }
        let checklists = pack
            .checklists
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Self {
            pack,
            lessons,
            modules,
            questions,
            checklists,
        }
    }

    /// The pack compiled into the app. Decoded once, then shared.
    pub fn default_content() -> Arc<Self> {
        static CONTENT: OnceLock<Arc<Content>> = OnceLock::new();
        CONTENT
            .get_or_init(|| {
                let pack: Pack = bincode::deserialize(DEFAULT_PACK)
                    .expect("build.rs checked and serialized this pack");
                Arc::new(Self::new(pack))
            })
            .clone()
    }

    /// Follows renames, so progress recorded under an old id still counts.
    pub fn resolve<'a>(&'a self, id: &'a str) -> &'a str {
        self.pack.current_id(id)
    }

    pub fn module(&self, id: &str) -> Option<&Module> {
        self.modules
            .get(self.resolve(id))
            .map(|&m| &self.pack.modules[m])
    }

    pub fn module_index(&self, id: &str) -> Option<usize> {
        self.modules.get(self.resolve(id)).copied()
    }

    /// A lesson and the module it belongs to.
    pub fn lesson(&self, id: &str) -> Option<(&Module, &Lesson)> {
        self.lessons.get(self.resolve(id)).map(|&(m, l)| {
            let module = &self.pack.modules[m];
            (module, &module.lessons[l])
        })
    }

    pub fn question(&self, id: &str) -> Option<(&Lesson, &Question)> {
        self.questions.get(self.resolve(id)).map(|&(m, l, q)| {
            let lesson = &self.pack.modules[m].lessons[l];
            (lesson, &lesson.quiz.questions[q])
        })
    }

    pub fn checklist(&self, id: &str) -> Option<&Checklist> {
        self.checklists
            .get(self.resolve(id))
            .map(|&i| &self.pack.checklists[i])
    }

    pub fn lesson_count(&self) -> usize {
        self.lessons.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_pack_decodes_and_indexes_every_lesson() {
        let content = Content::default_content();
        assert!(!content.pack.modules.is_empty());
        for lesson in content.pack.lessons() {
            let (_, found) = content.lesson(&lesson.id).expect("indexed");
            assert_eq!(found.id, lesson.id);
            for question in &lesson.quiz.questions {
                assert_eq!(
                    content.question(&question.id).map(|(_, q)| &q.id),
                    Some(&question.id)
                );
            }
        }
        assert_eq!(content.lesson_count(), content.pack.lessons().count());
    }
}
