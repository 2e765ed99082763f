"""The new-application flow: resident → item → eligibility and materials → form →
attachments → signature → review → submitted (print). Drafts are saved as the agent goes."""

from kiosk.ui.new_application.flow import NewApplicationFlow

__all__ = ["NewApplicationFlow"]
