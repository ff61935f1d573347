package org.networkedcouncillor.app.ui.frame

import org.networkedcouncillor.shared.AssessmentView
import org.networkedcouncillor.shared.QuizBody
import org.networkedcouncillor.shared.ReviewView
import org.networkedcouncillor.shared.ScreenView
import org.networkedcouncillor.shared.ViewModel

/** Which screen this is, so that a new one (and only a new one) starts at its top. */
fun ViewModel.screenKey(): String = when (val current = screen) {
    is ScreenView.Lesson -> "lesson:${current.value.lessonId}:${current.value.step.current}"
    is ScreenView.Quiz -> when (current.value.body) {
        is QuizBody.Question -> "quiz:${current.value.lessonId}:${current.value.progress.current}"
        is QuizBody.Result -> "quiz:${current.value.lessonId}:result"
    }
    is ScreenView.Review -> when (val review = current.value) {
        is ReviewView.Question -> "review:${review.progress.current}"
        is ReviewView.Empty -> "review:empty"
        is ReviewView.Done -> "review:done"
    }
    is ScreenView.Assessment -> when (val assessment = current.value) {
        is AssessmentView.Intro -> "assessment:intro"
        is AssessmentView.Item -> "assessment:${assessment.value.id}"
        is AssessmentView.Result -> "assessment:result"
    }
    is ScreenView.Run -> "run:${current.value.runId}"
    is ScreenView.Loading -> "loading"
    is ScreenView.Failed -> "failed"
    is ScreenView.Home -> "home"
    is ScreenView.Path -> "path"
    is ScreenView.Checklists -> "checklists"
    is ScreenView.Settings -> "settings"
}
