// SPDX-License-Identifier: GPL-3.0-or-later
#include "exportdialog.h"

#include "tcpsim/session/lessoncontroller.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QLocale>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>

ExportDialog::ExportDialog(const LessonController &controller, NumberStyle numberStyle, QWidget *parent)
    : QDialog(parent)
    , m_controller(controller)
    , m_numberStyle(numberStyle)
{
    setWindowTitle(tr("Export ladder"));
    auto *form = new QFormLayout(this);

    m_fileName = new QLineEdit(this);
    m_fileName->setPlaceholderText(tr("ladder.svg, ladder.pdf or ladder.png"));
    m_fileName->setText(QDir::home().filePath(QStringLiteral("ladder.svg")));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto *fileRow = new QHBoxLayout;
    fileRow->addWidget(m_fileName, 1);
    fileRow->addWidget(browse);
    form->addRow(tr("File (.svg, .pdf or .png):"), fileRow);

    m_range = new QComboBox(this);
    m_range->addItem(tr("The whole lesson (%n step(s))", nullptr, controller.stepCount()));
    m_range->addItem(tr("Up to the current step (step %1)").arg(controller.currentStep()));
    m_range->setCurrentIndex(1);
    form->addRow(tr("Steps:"), m_range);

    m_diagram = new QCheckBox(tr("Include the state diagram"), this);
    m_diagram->setChecked(true);
    form->addRow(QString(), m_diagram);

    m_pageSize = new QComboBox(this);
    m_pageSize->addItem(tr("A4"));
    m_pageSize->addItem(tr("Letter"));
    if (QLocale().measurementSystem() == QLocale::ImperialUSSystem)
        m_pageSize->setCurrentIndex(1);
    form->addRow(tr("PDF page size:"), m_pageSize);

    m_scale = new QSpinBox(this);
    m_scale->setRange(1, LadderExport::maxScale);
    m_scale->setSuffix(tr("×"));
    m_scale->setToolTip(tr("2× for slides: twice the pixels, the same layout"));
    form->addRow(tr("PNG scale:"), m_scale);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(tr("Export"));
    connect(m_buttons, &QDialogButtonBox::accepted, this, &ExportDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &ExportDialog::reject);
    form->addRow(m_buttons);

    connect(m_fileName, &QLineEdit::textChanged, this, &ExportDialog::updateControls);
    updateControls();
}

QString ExportDialog::fileName() const
{
    return m_fileName->text().trimmed();
}

void ExportDialog::setFileName(const QString &fileName)
{
    m_fileName->setText(fileName);
}

ExportDialog::Range ExportDialog::range() const
{
    return m_range->currentIndex() == 0 ? Range::WholeLesson : Range::UpToCurrentStep;
}

void ExportDialog::setRange(Range range)
{
    m_range->setCurrentIndex(range == Range::WholeLesson ? 0 : 1);
}

LadderExport::Options ExportDialog::options() const
{
    LadderExport::Options options;
    options.numberStyle = m_numberStyle;
    options.timeScale = m_timeScale;
    options.diagram = m_diagram->isChecked() ? LadderExport::Diagram::Include : LadderExport::Diagram::Omit;
    options.pageSize = m_pageSize->currentIndex() == 1 ? LadderExport::PageSize::Letter : LadderExport::PageSize::A4;
    options.scale = m_scale->value();
    return options;
}

void ExportDialog::setDiagram(LadderExport::Diagram diagram)
{
    m_diagram->setChecked(diagram == LadderExport::Diagram::Include);
}

void ExportDialog::setPageSize(LadderExport::PageSize pageSize)
{
    m_pageSize->setCurrentIndex(pageSize == LadderExport::PageSize::Letter ? 1 : 0);
}

void ExportDialog::setScale(int scale)
{
    m_scale->setValue(scale);
}

QString ExportDialog::lessonTitle() const
{
    const tcpsim::Lesson &lesson = m_controller.lesson();
    const bool chinese = QLocale().language() == QLocale::Chinese && !lesson.titleZh.empty();
    return QString::fromStdString(chinese ? lesson.titleZh : lesson.title);
}

bool ExportDialog::exportLadder(QString *error) const
{
    const LadderExport::Content content = range() == Range::WholeLesson
        ? LadderExport::contentOf(m_controller.lesson(), m_controller.simulation().config(), std::nullopt, lessonTitle())
        : LadderExport::contentOf(m_controller, lessonTitle());
    const LadderExport::Result result = LadderExport::write(fileName(), content, options());
    if (!result.ok() && error)
        *error = result.error;
    return result.ok();
}

void ExportDialog::accept()
{
    QString error;
    if (exportLadder(&error)) {
        QDialog::accept();
        return;
    }
    // Window-modal and not blocking: the dialog (and the lesson behind it) stay as they were.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Export ladder"), error, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void ExportDialog::browse()
{
    QString selected;
    const QString name = QFileDialog::getSaveFileName(
        this, tr("Export ladder"), fileName(),
        tr("SVG drawing (*.svg);;PDF document (*.pdf);;PNG image (*.png)"), &selected);
    if (!name.isEmpty())
        m_fileName->setText(name);
}

void ExportDialog::updateControls()
{
    const std::optional<LadderExport::Format> format = LadderExport::formatFor(fileName());
    m_pageSize->setEnabled(format == LadderExport::Format::Pdf);
    m_scale->setEnabled(format == LadderExport::Format::Png);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(format.has_value());
    m_fileName->setToolTip(format ? QString() : tr("The name must end in .svg, .pdf or .png"));
}
