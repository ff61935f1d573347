package org.networkedcouncillor.app.ui.screens

import androidx.compose.foundation.layout.Arrangement
import androidx.compose.foundation.layout.Column
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.ui.unit.dp
import org.networkedcouncillor.app.ui.components.ActionButton
import org.networkedcouncillor.app.ui.components.CardSection
import org.networkedcouncillor.app.ui.components.Heading
import org.networkedcouncillor.app.ui.components.InsetText
import org.networkedcouncillor.app.ui.components.Level
import org.networkedcouncillor.app.ui.components.Paragraph
import org.networkedcouncillor.app.ui.components.Prominence
import org.networkedcouncillor.shared.HomeView

/** Home: where to pick up, what is next, what is due for review, and shortcuts to checklists. */
@Composable
fun HomeScreen(home: HomeView) {
    Column(verticalArrangement = Arrangement.spacedBy(16.dp)) {
        Heading(home.greeting, level = Level.Screen)
        Paragraph(home.summary, style = MaterialTheme.typography.titleMedium)
        home.allDone?.let { allDone -> InsetText(allDone) }
        home.resume?.let { resume -> CardSection(resume) }
        home.next?.let { next -> CardSection(next) }
        CardSection(home.review)
        CardSection(home.assessment)
        Heading(home.checklistsHeading)
        home.checklists.forEach { checklist -> ActionButton(checklist, prominence = Prominence.Secondary) }
    }
}
