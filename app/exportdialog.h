// SPDX-License-Identifier: GPL-3.0-or-later
// File → Export ladder…: the ladder (and the state diagram) as SVG, PDF or PNG through
// core/render's LadderExport, the pictures tcpsim-cli --export writes. The format is the file
// name's suffix; the range is the whole lesson or up to the current step; PDF takes a page size,
// PNG a scale. The window's number style and language are used. A file that cannot be written
// is reported in a message box and the dialog stays open; the lesson is never touched.
#pragma once

#include "tcpsim/render/ladderexport.h"

#include <QDialog>

class LessonController;
class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QSpinBox;

class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Range { WholeLesson, UpToCurrentStep };

    ExportDialog(const LessonController &controller, NumberStyle numberStyle, QWidget *parent = nullptr);

    QString fileName() const;
    void setFileName(const QString &fileName);
    Range range() const;
    void setRange(Range range);
    LadderExport::Options options() const;
    void setDiagram(LadderExport::Diagram diagram);
    void setPageSize(LadderExport::PageSize pageSize);
    void setScale(int scale);
    // The ladder's rows by virtual time, as the window shows them (View → Time scale).
    void setTimeScale(bool on) { m_timeScale = on; }

    // Writes the file as chosen; false (with `error` set) when it could not be written.
    bool exportLadder(QString *error) const;

    void accept() override;

private:
    bool m_timeScale = false;
    void browse();
    void updateControls();
    QString lessonTitle() const;

    const LessonController &m_controller;
    NumberStyle m_numberStyle;
    QLineEdit *m_fileName = nullptr;
    QComboBox *m_range = nullptr;
    QCheckBox *m_diagram = nullptr;
    QComboBox *m_pageSize = nullptr;
    QSpinBox *m_scale = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};
