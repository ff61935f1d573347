package org.networkedcouncillor.core

import java.io.File
import java.nio.file.Files
import java.util.concurrent.CopyOnWriteArrayList
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import org.junit.jupiter.api.AfterEach
import org.junit.jupiter.api.Assertions.assertArrayEquals
import org.junit.jupiter.api.Assertions.assertEquals
import org.junit.jupiter.api.Assertions.assertNotNull
import org.junit.jupiter.api.Assertions.assertThrows
import org.junit.jupiter.api.Assertions.assertTrue
import org.junit.jupiter.api.BeforeEach
import org.junit.jupiter.api.Test
import org.networkedcouncillor.ffi.CoreException
import org.networkedcouncillor.shared.Destination
import org.networkedcouncillor.shared.Event
import org.networkedcouncillor.shared.ScreenView
import org.networkedcouncillor.shared.ViewModel

/**
 * The Android core wrapper on the JVM, against the real native library: the same Kotlin file
 * the app uses, the generated bindings and types, and a real SQLite file.
 */
class CoreWrapperTest {
    private lateinit var dir: File

    @BeforeEach
    fun makeFolder() {
        dir = Files.createTempDirectory("nc-kotlin").toFile()
    }

    @AfterEach
    fun removeFolder() {
        dir.deleteRecursively()
    }

    /** Waits for a view that satisfies [done], or fails with the last one seen. */
    private fun CoreWrapper.waitFor(what: String, done: (ViewModel) -> Boolean): ViewModel {
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
        while (System.nanoTime() < deadline) {
            val view = this.view
            if (done(view)) return view
            Thread.sleep(5)
        }
        throw AssertionError("gave up waiting for $what; the view is ${this.view}")
    }

    private fun open(): CoreWrapper = CoreWrapper.open(dir.absolutePath)

    @Test
    fun aLessonLeftHalfwayResumesAtTheSameStepAfterReopening() {
        val first = open()
        first.waitFor("home") { it.screen is ScreenView.Home }
        first.send(Event.Navigate(Destination.PATH))
        val path = first.waitFor("the path") { it.screen is ScreenView.Path }.screen as ScreenView.Path
        val open = path.value.modules[0].lessons[0].open
        assertNotNull(open)
        first.send(open!!.event)
        val lesson = first.waitFor("the lesson") { it.screen is ScreenView.Lesson }.screen as ScreenView.Lesson
        assertEquals(1u, lesson.value.step.current)
        first.send(lesson.value.next.event)
        first.waitFor("step 2") { (it.screen as? ScreenView.Lesson)?.value?.step?.current == 2u }
        first.send(Event.Navigate(Destination.HOME))
        first.waitFor("home") { it.screen is ScreenView.Home }
        first.close()

        val second = open()
        val home = second.waitFor("home") { it.screen is ScreenView.Home }.screen as ScreenView.Home
        val resume = home.value.resume
        assertNotNull(resume)
        resume!!
        assertEquals(lesson.value.title, resume.title)
        assertTrue(resume.detail.contains("Step 2"), resume.detail)
        second.send(resume.action!!.event)
        val resumed = second.waitFor("the lesson") { it.screen is ScreenView.Lesson }.screen as ScreenView.Lesson
        assertEquals(2u, resumed.value.step.current)
        assertEquals(lesson.value.lessonId, resumed.value.lessonId)
        second.close()
    }

    @Test
    fun observersHearEachNewViewThroughTheGivenExecutor() {
        val main = Executors.newSingleThreadExecutor { Thread(it, "fake-main") }
        val core = CoreWrapper.open(dir.absolutePath) { main.execute(it) }
        val seen = CopyOnWriteArrayList<Pair<String, ViewModel>>()
        val subscription = core.subscribe { seen.add(Thread.currentThread().name to it) }
        core.waitFor("home") { it.screen is ScreenView.Home }
        core.send(Event.Navigate(Destination.SETTINGS))
        core.waitFor("settings") { it.screen is ScreenView.Settings }
        val deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20)
        while (seen.none { it.second.screen is ScreenView.Settings } && System.nanoTime() < deadline) {
            Thread.sleep(5)
        }
        assertTrue(seen.any { it.second.screen is ScreenView.Settings }, "$seen")
        assertTrue(seen.all { it.first == "fake-main" }, "every view arrives on the main thread")
        subscription.close()
        val heard = seen.size
        core.send(Event.Navigate(Destination.HOME))
        core.waitFor("home") { it.screen is ScreenView.Home }
        Thread.sleep(50)
        main.submit {}.get()
        assertEquals(heard, seen.size, "nothing after unsubscribing")
        core.close()
        main.shutdown()
    }

    @Test
    fun aDamagedDatabaseIsKeptAndTheViewWarns() {
        val garbage = ByteArray(8192) { 0x5A }
        File(dir, "progress.db").writeBytes(garbage)
        val core = open()
        val view = core.waitFor("home") { it.screen is ScreenView.Home }
        val warning = view.warning
        assertNotNull(warning)
        warning!!
        assertTrue(warning.contains("could not be read"), warning)
        val kept = dir.listFiles()!!.single { it.name.startsWith("progress.db.corrupt-") && !it.name.endsWith("-wal") }
        assertTrue(warning.contains(kept.name), warning)
        assertArrayEquals(garbage, kept.readBytes())
        core.close()
    }

    @Test
    fun aFolderThatCannotBeUsedThrowsAStorageErrorSayingWhatToDo() {
        val file = File(dir, "file").apply { writeText("") }
        val error = assertThrows(CoreException.Storage::class.java) {
            CoreWrapper.open(File(file, "data").absolutePath)
        }
        assertTrue(error.message!!.startsWith("The app's data folder cannot be used"), error.message)
    }

    @Test
    fun afterCloseSendingFailsAndClosingAgainIsHarmless() {
        val core = open()
        core.waitFor("home") { it.screen is ScreenView.Home }
        core.shutdown()
        assertThrows(CoreException.Closed::class.java) { core.send(Event.Back) }
        core.close()
        core.close()
        assertThrows(CoreException.Closed::class.java) { core.send(Event.Back) }
        assertTrue(core.view.screen is ScreenView.Home, "the last view stays readable")
    }
}
