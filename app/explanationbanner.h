// SPDX-License-Identifier: GPL-3.0-or-later
// The explanation above the ladder: "Step 3 of 19" and the step's script lines, the
// explanation of what happened (with its RFC 9293 sections), and the step's failed checks in
// red. At step 0 it shows the lesson's title and teaching note.
#pragma once

#include "tcpsim/session/numberformat.h"

#include <QWidget>

class LessonController;
class QLabel;

class ExplanationBanner : public QWidget
{
    Q_OBJECT

public:
    enum class Language { English, Chinese };

    explicit ExplanationBanner(QWidget *parent = nullptr);

    // Shows the controller's current step (its lesson note at step 0), with the numbers written
    // in the lesson's script lines and note in `style`.
    void showStep(const LessonController &controller, Language language, NumberStyle style);
    QLabel *explanationLabel() const { return m_explanation; }

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    // QMainWindow's layout ignores height-for-width: without this the docks can squeeze the
    // wrapped explanation (a long lesson note, Chinese wraps sooner) below its last line.
    void fitHeight();

    QLabel *m_stepCounter = nullptr;
    QLabel *m_scriptLine = nullptr;
    QLabel *m_explanation = nullptr;
    QLabel *m_checks = nullptr;
};
