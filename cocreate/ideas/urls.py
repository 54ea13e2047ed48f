from django.urls import path

from cocreate.ideas.views import manage, public, workspace

app_name = "ideas"

urlpatterns = [
    path("", public.idea_list, name="list"),
    path("new/", public.idea_new, name="new"),
    path("similar/", public.similar, name="similar"),
    path("review/", manage.review, name="review"),
    path("campaigns/", manage.campaigns, name="campaigns"),
    path("campaigns/new/", manage.campaign_new, name="campaign-new"),
    path("campaigns/<slug:slug>/", manage.campaign, name="campaign"),
    path("campaigns/<slug:slug>/status/", manage.campaign_status, name="campaign-status"),
    path("<int:idea_id>/", public.idea_detail, name="detail"),
    path("<int:idea_id>/support/", public.support, name="support"),
    path("<int:idea_id>/submit/", public.submit, name="submit"),
    path("<int:idea_id>/decide/", manage.decide, name="decide"),
    path("<int:idea_id>/archive/", manage.archive, name="archive"),
    path("<int:idea_id>/merge/", manage.merge, name="merge"),
    path("<int:idea_id>/workspace/", workspace.workspace, name="workspace"),
    path("<int:idea_id>/workspace/tasks/", workspace.task_add, name="task-add"),
    path("<int:idea_id>/workspace/tasks/<int:task_id>/", workspace.task_done, name="task-done"),
    path("<int:idea_id>/workspace/comments/", workspace.comment_add, name="comment-add"),
    path("<int:idea_id>/workspace/files/", workspace.file_add, name="file-add"),
    path("<int:idea_id>/workspace/files/<int:file_id>/", workspace.file_download, name="file"),
    path("<int:idea_id>/workspace/decisions/", workspace.decision_add, name="decision-add"),
    path("<int:idea_id>/workspace/stage/", workspace.stage_set, name="stage"),
    path("<int:idea_id>/workspace/terms/", workspace.terms_offer, name="terms-offer"),
    path("<int:idea_id>/workspace/terms/accept/", workspace.terms_accept, name="terms-accept"),
    path("<int:idea_id>/workspace/launch/", workspace.launch, name="launch"),
    path("<int:idea_id>/workspace/evidence/", workspace.evidence_add, name="evidence-add"),
]
