// The transition log: one row per state change, from the model now and, later, from the live
// pair (sources "Qt" and "kernel"), so the three can be read side by side.
#pragma once

#include "tcpsim/model/event.h"

#include <QAbstractTableModel>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

struct TransitionLogRow {
    int step = 0;                 // lesson step (0 = not from a step)
    quint64 timeMs = 0;           // virtual (model) or elapsed (live) time in ms
    std::optional<tcpsim::Side> side; // colours the endpoint cell
    QString endpoint;             // "client", "server", "client socket" ...
    QString from;
    QString to;
    QString cause;
    QString source;               // "model", "Qt", "kernel"
};

class TransitionLogModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { StepColumn, TimeColumn, EndpointColumn, TransitionColumn, CauseColumn, SourceColumn,
                  ColumnCount };
    Q_ENUM(Column)

    explicit TransitionLogModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    void appendRow(const TransitionLogRow &row);
    void appendRows(const QList<TransitionLogRow> &rows);
    // Replaces the rows of one source (the model's rows are rebuilt on every step and Back).
    void setRows(const QString &source, const QList<TransitionLogRow> &rows);
    void clear();
    const TransitionLogRow &row(int index) const { return m_rows[static_cast<std::size_t>(index)]; }

    QString toCsv() const;
    // Written atomically (QSaveFile). False with `errorString` set on failure.
    bool saveCsv(const QString &fileName, QString *errorString) const;

    // The model's rows for the transitions among `events`, steps from `boundaries`.
    static QList<TransitionLogRow> rowsFromEvents(const std::vector<tcpsim::Event> &events,
                                                  const std::vector<std::size_t> &boundaries);
    static QString modelSource() { return QStringLiteral("model"); }

private:
    std::vector<TransitionLogRow> m_rows;
};

// One short cause for a transition: "rcv SYN+ACK", "close()", "retransmission timer".
QString transitionCause(const tcpsim::Event &event);
