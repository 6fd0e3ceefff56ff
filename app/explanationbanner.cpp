// SPDX-License-Identifier: GPL-3.0-or-later
#include "explanationbanner.h"

#include "appstyle.h"
#include "numbertext.h"

#include "tcpsim/session/explanation.h"
#include "tcpsim/session/lessoncontroller.h"

#include <QCoreApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QResizeEvent>
#include <QVBoxLayout>

using namespace tcpsim;

// The texts keep the MainWindow translation context: they were the window's before the banner
// moved out, and the Chinese translation is filed under it.

ExplanationBanner::ExplanationBanner(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("explanationBanner"));
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(14, 8, 14, 8);
    layout->setSpacing(3);
    auto *topRow = new QHBoxLayout;
    m_stepCounter = new QLabel(this);
    m_scriptLine = new QLabel(this);
    m_scriptLine->setTextFormat(Qt::PlainText);
    // Wrapped rather than cut: a step with several checks is a long line.
    m_scriptLine->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    m_scriptLine->setWordWrap(true);
    topRow->addWidget(m_stepCounter);
    topRow->addSpacing(12);
    topRow->addWidget(m_scriptLine, 1);
    layout->addLayout(topRow);
    m_explanation = new QLabel(this);
    m_explanation->setObjectName(QStringLiteral("explanation"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setMinimumHeight(m_explanation->fontMetrics().height() * 2);
    m_explanation->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    layout->addWidget(m_explanation);
    m_checks = new QLabel(this);
    m_checks->setWordWrap(true);
    m_checks->setTextFormat(Qt::RichText);
    m_checks->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Minimum);
    layout->addWidget(m_checks);
}

void ExplanationBanner::showStep(const LessonController &controller, Language language, NumberStyle style)
{
    const NumberText numbers(controller.lesson(), controller.simulation().events(), style);
    const bool chinese = language == Language::Chinese;
    const int current = controller.currentStep();
    const int total = controller.stepCount();
    const QPalette &pal = palette();
    m_stepCounter->setText(QStringLiteral("<b>%1</b>").arg(
        QCoreApplication::translate("MainWindow", "Step %1 of %2").arg(current).arg(total)));
    m_scriptLine->setText(current > 0 ? numbers.restyle(controller.stepScript(current))
                                              .split(QLatin1Char('\n'))
                                              .join(QStringLiteral("  ·  "))
                                      : QString());
    QPalette scriptPalette = m_scriptLine->palette();
    scriptPalette.setColor(QPalette::WindowText, AppStyle::mutedText(pal));
    m_scriptLine->setPalette(scriptPalette);
    m_scriptLine->setFont(AppStyle::monospaceFont(font().pixelSize()));

    QString text;
    QString references;
    const Lesson &lesson = controller.lesson();
    if (current == 0) {
        const std::string &note = chinese && !lesson.noteZh.empty() ? lesson.noteZh : lesson.note;
        const std::string &title = chinese && !lesson.titleZh.empty() ? lesson.titleZh : lesson.title;
        text = QStringLiteral("<b>%1</b>").arg(QString::fromStdString(title).toHtmlEscaped());
        if (!note.empty())
            text += QStringLiteral(" — ") + numbers.restyle(QString::fromStdString(note)).toHtmlEscaped();
        text += QStringLiteral("<br>")
            + QCoreApplication::translate("MainWindow", "Press Space or → to take the first step.").toHtmlEscaped();
        if (lesson.commands.empty())
            text = QCoreApplication::translate("MainWindow",
                                               "Free play: use the buttons of the client and the server below; every "
                                               "action becomes a line of the lesson (File → Save lesson).")
                       .toHtmlEscaped();
    } else {
        const auto &events = controller.simulation().events();
        const std::size_t begin = controller.eventCountAt(current - 1);
        const std::size_t end = controller.eventCountAt(current);
        text = Explanation::forEvents(events, begin, end).toHtmlEscaped();
        QStringList refs;
        for (Rule rule : Explanation::mainRules(events, begin, end)) {
            const QString reference = Explanation::ruleReference(rule);
            if (!reference.isEmpty() && !refs.contains(reference))
                refs.append(reference);
        }
        if (text.isEmpty())
            text = QCoreApplication::translate("MainWindow", "Nothing changed state in this step.").toHtmlEscaped();
        references = refs.join(QStringLiteral(", "));
    }
    if (!references.isEmpty())
        text += QStringLiteral(" <span style='color:%1'>(%2)</span>").arg(AppStyle::mutedText(pal).name(),
                                                                        references.toHtmlEscaped());
    m_explanation->setText(QStringLiteral("<span style='font-size:large'>%1</span>").arg(text));
    fitHeight();

    const LessonController::StepReport report = controller.reportAt(current);
    QStringList checks;
    for (const QString &failure : report.failedExpectations)
        checks.append(QStringLiteral("<span style='color:%1'>✗ %2</span>")
                          .arg(AppStyle::errorColor(pal).name(),
                               QCoreApplication::translate("MainWindow", "Expectation failed: %1").arg(failure).toHtmlEscaped()));
    for (const QString &error : report.errors)
        checks.append(QStringLiteral("<span style='color:%1'>⚠ %2</span>")
                          .arg(AppStyle::errorColor(pal).name(), error.toHtmlEscaped()));
    m_checks->setText(checks.join(QStringLiteral("<br>")));
    m_checks->setVisible(!checks.isEmpty());
}

void ExplanationBanner::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    if (event->size().width() != event->oldSize().width())
        fitHeight();
}

void ExplanationBanner::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // Presentation mode's large type and back: the text needs another height.
    if (event->type() == QEvent::FontChange)
        fitHeight();
}

void ExplanationBanner::fitHeight()
{
    // The banner's height for its present width becomes its minimum, so the layout takes the
    // room from the ladder (which scrolls) and the docks rather than from the text. Only the
    // height changes here, so the resize this causes does not come back (width unchanged).
    // Before the first layout the banner's width is a default, not its own: the resize that
    // lays it out fits it then.
    if (!isVisible())
        return;
    // At most half the window: a very long note must not push the window past the screen.
    const int needed = qMin(heightForWidth(width()), window()->height() / 2);
    if (needed > 0 && needed != minimumHeight())
        setMinimumHeight(needed);
}
