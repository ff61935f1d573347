package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.foundation.layout.fillMaxWidth
import androidx.compose.foundation.layout.padding
import androidx.compose.material3.CircularProgressIndicator
import androidx.compose.runtime.Composable
import androidx.compose.ui.Alignment
import androidx.compose.ui.Modifier
import androidx.compose.ui.semantics.semantics
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.shared.ScreenView
import org.networkedcouncillor.shared.ShellText

/** One composable per screen the core has. The core says which; this only picks it. */
@Composable
fun ScreenContent(screen: ScreenView, shell: ShellText) {
    when (screen) {
        is ScreenView.Loading -> LoadingScreen(screen.text)
        is ScreenView.Failed -> FailedScreen(screen.heading, screen.text)
        is ScreenView.Home -> HomeScreen(screen.value)
        is ScreenView.Path -> PathScreen(screen.value)
        is ScreenView.Lesson -> LessonScreen(screen.value)
        is ScreenView.Quiz -> QuizScreen(screen.value)
        is ScreenView.Review -> ReviewScreen(screen.value)
        is ScreenView.Assessment -> AssessmentScreen(screen.value)
        is ScreenView.Checklists -> ChecklistsScreen(screen.value)
        is ScreenView.Run -> RunScreen(screen.value)
        is ScreenView.Settings -> SettingsScreen(screen.value, shell.warningLabel)
    }
}

/** While the core loads progress from the database. */
@Composable
fun LoadingScreen(text: String) {
    Column(
        modifier = Modifier.fillMaxWidth().padding(top = 48.dp).semantics(mergeDescendants = true) {},
        horizontalAlignment = Alignment.CenterHorizontally,
        verticalArrangement = Arrangement.spacedBy(16.dp),
    ) {
        CircularProgressIndicator()
        Paragraph(text)
    }
}

/** Progress could not be loaded. The text says what happened and what to do. */
@Composable
fun FailedScreen(heading: String, text: String) {
    Column(verticalArrangement = Arrangement.spacedBy(12.dp)) {
        Heading(heading, level = Level.Screen)
        Paragraph(text)
    }
}
